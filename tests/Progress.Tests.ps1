# Progress for commands over many hooks, and -WhatIf text that says what would change.
# Progress records are read from a runspace that shares this console host, as a prompt would show them.

BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
}
AfterAll { Stop-TestSandbox }

Describe 'Progress' {
    BeforeAll {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:ids = @(1..7 | ForEach-Object { (New-TestHook -Name "bulk $_").Id })
    }
    BeforeEach { Reset-SandboxFaults }

    It 'appears once the work has taken about a second, says "n of m", and is completed at the end' {
        # Each deactivation takes 0.3 s: the bar appears part-way, not with the first hook.
        Add-SandboxFault @{ mode = 'hang'; seconds = 0.3; count = 7; method = 'POST' }
        $records = Get-ProgressRecord { param($ids) Disable-OktaEventHook -Id $ids } @(, $ids)
        $records.Count | Should -BeGreaterThan 1
        $records[0].StatusDescription | Should -Match '^[3-7] of 7: '
        $records[0].StatusDescription | Should -Not -Match '^1 of 7'
        $records[-2].StatusDescription | Should -Match '^7 of 7: '
        $records[-2].PercentComplete | Should -BeGreaterThan 0
        $records[-1].RecordType | Should -Be 'Completed'
    }

    It 'appears for two slow hooks as well: the time decides, not the count' {
        Add-SandboxFault @{ mode = 'hang'; seconds = 1.2; count = 2; method = 'POST' }
        $records = Get-ProgressRecord { param($ids) Disable-OktaEventHook -Id $ids } @(, $ids[0..1])
        $records[0].StatusDescription | Should -Match '^2 of 2: '
        $records[-1].RecordType | Should -Be 'Completed'
    }

    It 'says how many so far from a pipeline, whose length is not known' {
        Add-SandboxFault @{ mode = 'hang'; seconds = 0.3; count = 7; method = 'POST' }
        $records = Get-ProgressRecord { Get-OktaEventHook -Name 'bulk*' | Enable-OktaEventHook }
        $records[0].StatusDescription | Should -Match '^\d so far: bulk \d \(who'
        $records[-1].RecordType | Should -Be 'Completed'
    }

    It 'is written by Get, Set and Remove over many hooks' {
        Add-SandboxFault @{ mode = 'hang'; seconds = 0.3; count = 100; method = 'GET'; pathPrefix = '/api/v1/eventHooks/' }
        (Get-ProgressRecord { param($ids) $null = Get-OktaEventHook -Id $ids } @(, $ids)).Count | Should -BeGreaterThan 0
        (Get-ProgressRecord { Get-OktaEventHook -Name 'bulk*' | Set-OktaEventHook -Description 'many' }).Count | Should -BeGreaterThan 0
        (Get-ProgressRecord { param($ids) Remove-OktaEventHook -Id $ids -Force -WhatIf } @(, $ids)).Count | Should -BeGreaterThan 0
    }

    It 'is not written for work that ends within a second' {
        Get-ProgressRecord { param($ids) Disable-OktaEventHook -Id $ids } @(, $ids[0..2]) | Should -BeNullOrEmpty
    }

    It 'is suppressed by $ProgressPreference = SilentlyContinue' {
        Add-SandboxFault @{ mode = 'hang'; seconds = 0.3; count = 7; method = 'POST' }
        Get-ProgressRecord { param($ids) $ProgressPreference = 'SilentlyContinue'; Disable-OktaEventHook -Id $ids } @(, $ids) | Should -BeNullOrEmpty
    }

    It 'is not written where no host shows it' {
        Add-SandboxFault @{ mode = 'hang'; seconds = 0.3; count = 7; method = 'POST' }
        Get-ProgressRecord { param($ids) Disable-OktaEventHook -Id $ids } @(, $ids) -WithoutHost | Should -BeNullOrEmpty
    }
}

Describe 'Set-OktaEventHook -WhatIf' {
    BeforeAll {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:hook = New-TestHook -Name 'WhatIf target' -Uri 'https://hooks.example.com/a' -Secret 'Basic whatif-secret'
        Clear-SandboxRequestLog
    }

    It 'names each change field by field, the secret as ***, and sends only the read' {
        $secret = ConvertTo-SecureString 'Basic new-whatif-secret' -AsPlainText -Force
        $text = Get-HostText { Set-OktaEventHook -Id $hook.Id -Uri 'https://hooks.example.com/b' -AddEventType user.session.start -AuthHeaderValue $secret -WhatIf }
        $text | Should -Match ([regex]::Escape("Update event hook: Uri: https://hooks.example.com/a -> https://hooks.example.com/b; EventTypes: +user.session.start; AuthHeader: Authorization value replaced (***)"))
        $text | Should -Match ([regex]::Escape("WhatIf target ($($hook.Id))"))
        $text | Should -Not -Match 'whatif-secret'
        (Get-SandboxRequestLog).method | Should -Be 'GET'
    }
}
