# Tab completion through TabExpansion2, as the prompt does it. Completion answers from memory: no request reaches the org.

BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox

    function Complete([string] $Line) { (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches }
}
AfterAll { Stop-TestSandbox }

Describe 'Completion' {
    BeforeAll {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:hr = New-TestHook -Name 'HR sync' -EventType user.lifecycle.deactivate, group.user_membership.add
        $script:audit = New-TestHook -Name 'Audit [all]'
        $null = Get-OktaEventHook
    }
    BeforeEach { Clear-SandboxRequestLog }
    AfterEach { Get-SandboxRequestLog | Should -BeNullOrEmpty -Because 'Tab must not call Okta' }

    It 'completes -EventType of New-OktaEventHook matching anywhere in the name' {
        (Complete 'New-OktaEventHook -EventType deactivate').CompletionText | Should -Contain 'user.lifecycle.deactivate'
    }

    It 'puts names that start with the typed word first' {
        (Complete 'New-OktaEventHook -EventType user.lifecycle.de')[0].CompletionText | Should -BeLike 'user.lifecycle.de*'
    }

    It 'offers beta types only when no generally available type matches' {
        $beta = (Get-OktaEventType -IncludeBeta | Where-Object Beta | Select-Object -First 1).Name
        (Complete 'New-OktaEventHook -EventType deactivate').ToolTip | Should -Not -Match '\(beta\)'
        $results = Complete "New-OktaEventHook -EventType $beta"
        $results.CompletionText | Should -Contain $beta
        ($results | Where-Object CompletionText -eq $beta).ToolTip | Should -Match '\(beta\)'
    }

    It 'completes -EventType and -AddEventType of Set-OktaEventHook' {
        (Complete 'Set-OktaEventHook -EventType session.st').CompletionText | Should -Contain 'user.session.start'
        (Complete 'Set-OktaEventHook -AddEventType membership.ad').CompletionText | Should -Contain 'group.user_membership.add'
    }

    It 'completes -RemoveEventType from the types of the hook named by -Id' {
        (Complete "Set-OktaEventHook -Id $($hr.Id) -RemoveEventType ").CompletionText | Sort-Object |
            Should -Be @('group.user_membership.add', 'user.lifecycle.deactivate')
    }

    It 'completes -RemoveEventType from the catalog when the hook is not known' {
        (Complete 'Set-OktaEventHook -RemoveEventType deactivate').CompletionText | Should -Contain 'user.lifecycle.deactivate'
    }

    It 'completes -Id from the hooks the last Get-OktaEventHook returned, with the name as tooltip' {
        foreach ($command in 'Get-OktaEventHook', 'Set-OktaEventHook', 'Remove-OktaEventHook', 'Enable-OktaEventHook', 'Disable-OktaEventHook', 'Test-OktaEventHook', 'Export-OktaEventHook') {
            $results = Complete "$command -Id "
            $results.CompletionText | Sort-Object | Should -Be (@($hr.Id, $audit.Id) | Sort-Object) -Because $command
            ($results | Where-Object CompletionText -eq $hr.Id).ToolTip | Should -Be 'HR sync'
        }
    }

    It 'completes -Id from a part of the hook name with the quoted name' {
        (Complete 'Enable-OktaEventHook -Id sync').CompletionText | Should -Be "'HR sync'"
    }

    It 'completes a typed name prefix with the quoted name, and an id prefix with the id' {
        $byName = Complete 'Disable-OktaEventHook HR'
        $byName.CompletionText | Should -Be "'HR sync'"
        $byName[0].ToolTip | Should -Match ([regex]::Escape($hr.Id))
        (Complete "Disable-OktaEventHook -Id $($hr.Id.Substring(0, 8))").CompletionText | Should -Be $hr.Id
        (Complete 'Remove-OktaEventHook Aud').CompletionText | Should -Be $audit.Id   # a name with [ ] would be taken as a wildcard and refused
    }

    It 'completes a name two hooks share with their ids, since the name alone would be refused' {
        $twin1 = New-OktaEventHook -Name 'Twin' -Uri (Get-ReceiverUri ok twin1) -EventType user.lifecycle.create -Force -WarningAction SilentlyContinue
        $twin2 = New-OktaEventHook -Name 'Twin' -Uri (Get-ReceiverUri ok twin2) -EventType user.lifecycle.create -Force -WarningAction SilentlyContinue
        Clear-SandboxRequestLog
        try {
            (Complete 'Enable-OktaEventHook Twi').CompletionText | Sort-Object | Should -Be (@($twin1.Id, $twin2.Id) | Sort-Object)
        }
        finally {
            Remove-OktaEventHook -Id $twin1.Id, $twin2.Id -Force -Confirm:$false
            Clear-SandboxRequestLog
        }
    }

    It 'shows Okta''s description of an event type as its tooltip, marking beta and Identity Engine only types' {
        (Complete 'New-OktaEventHook -EventType user.lifecycle.create' | Where-Object CompletionText -eq 'user.lifecycle.create').ToolTip | Should -Be 'Create Okta user.'
        (Complete 'New-OktaEventHook -EventType device.lifecycle.suspend' | Where-Object CompletionText -eq 'device.lifecycle.suspend').ToolTip | Should -Match '^\(Identity Engine only\) '
        (Complete 'New-OktaEventHook -EventType entitlement.migration.start' | Where-Object CompletionText -eq 'entitlement.migration.start').ToolTip | Should -Match '^\(beta\) '
    }

    It 'completes -Name quoted and with wildcard characters escaped' {
        (Complete 'Get-OktaEventHook -Name HR').CompletionText | Should -Be "'HR sync'"
        (Complete 'Export-OktaEventHook -Name Aud').CompletionText | Should -Be "'Audit ``[all``]'"
        Get-OktaEventHook -Name 'Audit `[all`]' | Select-Object -ExpandProperty Id | Should -Be $audit.Id
        Clear-SandboxRequestLog  # the Get above is the check, not completion
    }

    It 'forgets a removed hook and learns a new one' {
        Remove-OktaEventHook -Id $audit.Id -Force -Confirm:$false
        $added = New-TestHook -Name 'Fresh'
        Clear-SandboxRequestLog
        $ids = (Complete 'Enable-OktaEventHook -Id ').CompletionText
        $ids | Should -Not -Contain $audit.Id
        $ids | Should -Contain $added.Id
    }
}
