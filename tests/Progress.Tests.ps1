# Progress for commands over many hooks, and -WhatIf text that says what would change.
# Progress records are read from a runspace that shares this console host, as a prompt would show them.

BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox

    # Runs $Script in a fresh runspace on this host (or on no host) with the module connected; returns its progress records.
    function Get-ProgressRecord([scriptblock] $Script, [object[]] $Arguments = @(), [switch] $WithoutHost) {
        $runspace = if ($WithoutHost) { [runspacefactory]::CreateRunspace() } else { [runspacefactory]::CreateRunspace($Host) }
        $runspace.Open()
        try {
            $shell = [powershell]::Create()
            $shell.Runspace = $runspace
            $module = Join-Path (Get-Module OktaEventHooks).ModuleBase 'OktaEventHooks.psd1'
            $null = $shell.AddScript({
                param($module, $url, $token)
                Import-Module $module
                Connect-OktaOrg -OrgUrl $url -ApiToken (ConvertTo-SecureString $token -AsPlainText -Force)
            }).AddArgument($module).AddArgument($env:OKTAEH_SANDBOX_URL).AddArgument($env:OKTAEH_SANDBOX_TOKEN)
            $null = $shell.Invoke()
            $shell.Commands.Clear()
            $null = $shell.AddScript($Script)
            foreach ($argument in $Arguments) { $null = $shell.AddArgument($argument) }
            $null = $shell.Invoke()
            if ($shell.Streams.Error.Count) { throw $shell.Streams.Error[0] }
            @($shell.Streams.Progress)
        }
        finally { $runspace.Dispose() }
    }
}
AfterAll { Stop-TestSandbox }

Describe 'Progress' {
    BeforeAll {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:ids = @(1..7 | ForEach-Object { (New-TestHook -Name "bulk $_").Id })
    }

    It 'is written for more than five hooks given at once, with percent, and completed at the end' {
        $records = Get-ProgressRecord { param($ids) Disable-OktaEventHook -Id $ids } @(, $ids)
        $records.Count | Should -Be 8
        $records[0].PercentComplete | Should -Be 0
        $records[6].StatusDescription | Should -Match '\(7 of 7\)'
        $records[-1].RecordType | Should -Be 'Completed'
    }

    It 'is written from the sixth hook of a pipeline' {
        $records = Get-ProgressRecord { Get-OktaEventHook -Name 'bulk*' | Enable-OktaEventHook }
        $records.Count | Should -Be 3
        $records[0].StatusDescription | Should -Match '\(6\)$'
        $records[-1].RecordType | Should -Be 'Completed'
    }

    It 'is written by Get, Set and Remove over many hooks' {
        (Get-ProgressRecord { param($ids) $null = Get-OktaEventHook -Id $ids } @(, $ids)).Count | Should -BeGreaterThan 0
        (Get-ProgressRecord { Get-OktaEventHook -Name 'bulk*' | Set-OktaEventHook -Description 'many' }).Count | Should -BeGreaterThan 0
        (Get-ProgressRecord { param($ids) Remove-OktaEventHook -Id $ids -Force -WhatIf } @(, $ids)).Count | Should -BeGreaterThan 0
    }

    It 'is not written for a handful of hooks' {
        Get-ProgressRecord { param($ids) Disable-OktaEventHook -Id $ids } @(, $ids[0..4]) | Should -BeNullOrEmpty
    }

    It 'is suppressed by $ProgressPreference = SilentlyContinue' {
        Get-ProgressRecord { param($ids) $ProgressPreference = 'SilentlyContinue'; Disable-OktaEventHook -Id $ids } @(, $ids) | Should -BeNullOrEmpty
    }

    It 'is not written where no host shows it' {
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
        $text | Should -Match ([regex]::Escape("Update event hook: Uri: https://hooks.example.com/a -> https://hooks.example.com/b; EventTypes: +user.session.start; AuthHeader: Authorization: ***"))
        $text | Should -Match ([regex]::Escape("WhatIf target ($($hook.Id))"))
        $text | Should -Not -Match 'whatif-secret'
        (Get-SandboxRequestLog).method | Should -Be 'GET'
    }
}
