# With several orgs connected, what a command would change and what it does name the org: its host in every
# confirmation and -WhatIf line, and in every verbose line.

BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
    $script:org = ([uri](Get-SandboxUrl)).Authority   # 127.0.0.1:<port>, as contoso.okta.com would be named
}
AfterAll { Stop-TestSandbox }

Describe 'Which org a command changes' {
    BeforeAll {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:hook = New-TestHook -Name 'Finance group joins'
        $script:inactive = New-TestHook -Name 'Dormant'
        $null = Disable-OktaEventHook -Id $inactive.Id -Confirm:$false
        $script:file = Join-Path ([IO.Path]::GetTempPath()) "which-org-$([guid]::NewGuid().ToString('N')).json"
        Export-OktaEventHook -Path $file
        Set-Content -LiteralPath $file -Value ((Get-Content -LiteralPath $file -Raw) -replace 'Finance group joins', 'Finance group joins 2')
    }
    AfterAll { Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue }

    It '<Command> -WhatIf names the org''s host in its target' -TestCases @(
        @{ Command = 'New-OktaEventHook'; Script = { New-OktaEventHook -Name 'Brand new' -Uri (Get-ReceiverUri ok brand) -EventType user.lifecycle.create -WhatIf } }
        @{ Command = 'Set-OktaEventHook'; Script = { Set-OktaEventHook -Id $hook.Id -Description 'x' -WhatIf } }
        @{ Command = 'Disable-OktaEventHook'; Script = { Disable-OktaEventHook -Id $hook.Id -WhatIf } }
        @{ Command = 'Enable-OktaEventHook'; Script = { Enable-OktaEventHook -Id $inactive.Id -WhatIf } }
        @{ Command = 'Test-OktaEventHook'; Script = { Test-OktaEventHook -Id $hook.Id -WhatIf } }
        @{ Command = 'Remove-OktaEventHook'; Script = { Remove-OktaEventHook -Id $hook.Id -Force -WhatIf } }
        @{ Command = 'Import-OktaEventHook'; Script = { Import-OktaEventHook -Path $file -Prune -Force -WhatIf } }
        @{ Command = 'Export-OktaEventHook'; Script = { Export-OktaEventHook -Path $file -WhatIf } }
        @{ Command = 'Send-OktaEventHookEvent'; Script = { Send-OktaEventHookEvent -Id $hook.Id -Since (Get-Date).AddHours(-1) -Until (Get-Date) -WhatIf } }
    ) {
        Clear-SandboxRequestLog
        $text = Get-HostText $Script
        $lines = @($text -split "`r?`n" | Where-Object { $_ -match '^What if:' })
        $lines | Should -Not -BeNullOrEmpty
        foreach ($line in $lines) { $line | Should -Match " (in|from) $([regex]::Escape($org))" }
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
    }

    It 'names the hook, its id and the org in the target, as the confirmation shows it' {
        $text = Get-HostText { Remove-OktaEventHook -Id $hook.Id -Force -WhatIf }
        $text | Should -Match "What if: Performing the operation `"Deactivate and delete event hook`" on target `"Finance group joins \($($hook.Id)\) in $([regex]::Escape($org))`""
    }

    It 'names the org in every verbose line of <Command>' -TestCases @(
        @{ Command = 'Get-OktaEventHook'; Script = { Get-OktaEventHook -Verbose } }
        @{ Command = 'Set-OktaEventHook'; Script = { Set-OktaEventHook -Id $hook.Id -Description 'changed' -Verbose } }
        @{ Command = 'Get-OktaEventHookLog'; Script = { Get-OktaEventHookLog -Verbose } }
    ) {
        $verbose = @(& $Script 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $verbose | Should -Not -BeNullOrEmpty
        # The module's lines start with the org; PowerShell's own "Performing the operation" line names it in the target.
        foreach ($line in $verbose) { $line.Message | Should -Match "^$([regex]::Escape($org)): |on target .* in $([regex]::Escape($org))`"\.$" }
        ($verbose.Message -join "`n") | Should -Match "$([regex]::Escape($org)): GET api/v1/"
    }

    It 'names the org when Connect-OktaOrg checks the credential' {
        $verbose = @(Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (Get-SandboxToken) -InformationAction Ignore -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $verbose | Should -Not -BeNullOrEmpty
        foreach ($line in $verbose) { $line.Message | Should -Match "^$([regex]::Escape($org)): " }
    }
}
