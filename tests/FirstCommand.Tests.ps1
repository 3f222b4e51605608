# Every exported command as the very first thing a session does: a fresh pwsh, the module autoloaded from
# PSModulePath (no Import-Module), nothing run before it. Parameter validation and argument completion reach the
# client library before any command has run, so a module that makes its libraries loadable only when a command
# starts fails here with a load error instead of doing its job.
BeforeDiscovery {
    # Commands that need a connection, each with a typical parameter set; without Connect-OktaOrg they must say
    # "not connected", never fail to load.
    $script:needConnection = @(
        @{ Command = 'Get-OktaEventHook'; Line = "Get-OktaEventHook -Name 'HR*'" }
        @{ Command = 'New-OktaEventHook'; Line = "New-OktaEventHook -Name 'HR offboarding' -Uri 'https://hooks.contoso.com/okta' -EventType user.lifecycle.deactivate, user.lifecycle.suspend" }
        @{ Command = 'Set-OktaEventHook'; Line = "Set-OktaEventHook -Id who4k2Zq7RmT9xPcN1d7 -AddEventType user.lifecycle.suspend -Description 'HR'" }
        @{ Command = 'Enable-OktaEventHook'; Line = 'Enable-OktaEventHook -Id who4k2Zq7RmT9xPcN1d7' }
        @{ Command = 'Disable-OktaEventHook'; Line = "Disable-OktaEventHook -Id 'HR offboarding'" }
        @{ Command = 'Test-OktaEventHook'; Line = 'Test-OktaEventHook -Id who4k2Zq7RmT9xPcN1d7' }
        @{ Command = 'Remove-OktaEventHook'; Line = 'Remove-OktaEventHook -Id who4k2Zq7RmT9xPcN1d7 -Force -Confirm:$false' }
        @{ Command = 'Export-OktaEventHook'; Line = "Export-OktaEventHook -Path (Join-Path ([IO.Path]::GetTempPath()) 'oktaeh-first-export.json')" }
        @{ Command = 'Import-OktaEventHook'; Line = 'Import-OktaEventHook -Path $env:OKTAEH_FIRST_EXPORT -DetectOnly' }
        @{ Command = 'Get-OktaEventHookLog'; Line = "Get-OktaEventHookLog -Name 'HR*' -FailureOnly -Since (Get-Date).AddDays(-1)" }
        @{ Command = 'Send-OktaEventHookEvent'; Line = "Send-OktaEventHookEvent -Id who4k2Zq7RmT9xPcN1d7 -Since (Get-Date).AddHours(-3) -Until (Get-Date) -Confirm:`$false" }
        @{ Command = 'Get-OktaEventHookHealth'; Line = "Get-OktaEventHookHealth -Name 'HR*'" }
    )
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox

    $script:staged = Split-Path -Parent (Get-Module OktaEventHooks).Path
    # out/OktaEventHooks/<version>/ -> out/: PowerShell finds OktaEventHooks/<version>/OktaEventHooks.psd1 below it.
    $script:modulePath = @((Split-Path -Parent (Split-Path -Parent $staged)), (Join-Path $PSHOME 'Modules')) -join [IO.Path]::PathSeparator
    $script:loadError = 'Could not load file or assembly|FileNotFoundException|FileLoadException|TypeInitializationException|TypeLoadException|ReflectionTypeLoadException'

    # A real export of one hook, for Import-OktaEventHook to read.
    Reset-TestSandbox
    Connect-TestSandbox
    $hook = New-OktaEventHook -Name 'first command' -Uri (Get-ReceiverUri ok first) -EventType user.lifecycle.create
    $script:exportPath = Join-Path ([IO.Path]::GetTempPath()) "oktaeh-first-$([guid]::NewGuid().ToString('N')).json"
    Export-OktaEventHook -Id $hook.Id -Path $exportPath

    # Runs $Line as the first command of a fresh, non-interactive pwsh and returns what it wrote and which errors.
    function Invoke-AsFirstCommand([string] $Line) {
        $script = Join-Path ([IO.Path]::GetTempPath()) "oktaeh-first-$([guid]::NewGuid().ToString('N')).ps1"
        Set-Content -LiteralPath $script -Encoding utf8 -Value @"
`$result = @{ Output = @(); Errors = @() }
try {
    foreach (`$item in & { $Line } 2>&1) {
        if (`$item -is [System.Management.Automation.ErrorRecord]) { `$result.Errors += @{ Id = `$item.FullyQualifiedErrorId; Message = "`$(`$item.Exception.Message) `$(`$item.Exception.InnerException)" } }
        else { `$result.Output += (`$item | Out-String).Trim() }
    }
}
catch { `$result.Errors += @{ Id = `$_.FullyQualifiedErrorId; Message = "`$(`$_.Exception.Message) `$(`$_.Exception.InnerException)" } }
`$result.Autoloaded = [bool](Get-Module OktaEventHooks)
'RESULT ' + (`$result | ConvertTo-Json -Depth 4 -Compress)
"@
        try {
            $run = Invoke-PrivatePwsh -ScriptPath $script -WorkingDirectory ([IO.Path]::GetTempPath()) -Environment @{
                PSModulePath = $modulePath; OKTAEH_FIRST_EXPORT = $exportPath
            }
            $json = ($run.Output -split "`n" | Where-Object { $_.StartsWith('RESULT ') } | Select-Object -Last 1)
            if (-not $json) { throw "No result from the fresh pwsh (exit code $($run.ExitCode)):`n$($run.ErrorOutput)`n$($run.Output)" }
            $json.Substring(7) | ConvertFrom-Json
        }
        finally { Remove-Item -LiteralPath $script -ErrorAction SilentlyContinue }
    }
    Import-Module "$PSScriptRoot/../tools/Package.psm1" -Force   # Invoke-PrivatePwsh
}

AfterAll {
    Remove-Item -LiteralPath $exportPath -ErrorAction SilentlyContinue
    Stop-TestSandbox
}

Describe 'Every command as the first command of a session' {
    It 'autoloads from PSModulePath and lists event types by name: Get-OktaEventType user.lifecycle.create' {
        $result = Invoke-AsFirstCommand 'Get-OktaEventType user.lifecycle.create, group.user_membership.add | ForEach-Object Name'
        $result.Errors | Should -BeNullOrEmpty
        $result.Autoloaded | Should -BeTrue
        $result.Output | Sort-Object | Should -Be @('group.user_membership.add', 'user.lifecycle.create')
    }

    It 'completes an event type as the first thing a session does' {
        $result = Invoke-AsFirstCommand "`$line = 'New-OktaEventHook -EventType user.lifecycle.deact'; (TabExpansion2 -inputScript `$line -cursorColumn `$line.Length).CompletionMatches.CompletionText"
        $result.Errors | Should -BeNullOrEmpty
        $result.Output | Should -Contain 'user.lifecycle.deactivate'
    }

    It 'connects: Connect-OktaOrg -ApiToken' {
        $result = Invoke-AsFirstCommand "Connect-OktaOrg -OrgUrl '$(Get-SandboxUrl)' -ApiToken (ConvertTo-SecureString '$($env:OKTAEH_SANDBOX_TOKEN)' -AsPlainText -Force) -PassThru | ForEach-Object { `$_.OrgUrl.ToString() }; @(Get-OktaEventHook).Count"
        $result.Errors | Should -BeNullOrEmpty
        $result.Output[0] | Should -BeLike "$(Get-SandboxUrl)*"
        $result.Output[1] | Should -Be '1'
    }

    It 'checks an endpoint without a connection: Test-OktaEventHookEndpoint' {
        $result = Invoke-AsFirstCommand "Test-OktaEventHookEndpoint -Uri '$(Get-ReceiverUri ok endpoint)' | ForEach-Object { `$_.Passed }"
        ($result.Errors | ForEach-Object Message) -join "`n" | Should -Not -Match $loadError
        $result.Output | Should -Be 'True'
    }

    It 'says there is no connection: <Command>' -TestCases @(
        @{ Command = 'Get-OktaConnection'; Line = 'Get-OktaConnection' }
    ) {
        $result = Invoke-AsFirstCommand $Line
        $result.Errors.Id | Should -BeLike 'NotConnected,*'
        $result.Errors.Message | Should -Not -Match $loadError
    }

    It 'disconnects without a connection and without an error: Disconnect-OktaOrg' {
        $result = Invoke-AsFirstCommand 'Disconnect-OktaOrg'
        $result.Errors | Should -BeNullOrEmpty
    }

    It 'validates its parameters and then says "not connected", never a load error: <Command>' -TestCases $needConnection {
        $result = Invoke-AsFirstCommand $Line
        ($result.Errors | ForEach-Object Message) -join "`n" | Should -Not -Match $loadError
        @($result.Errors).Count | Should -Be 1
        $result.Errors[0].Id | Should -BeLike 'NotConnected,*'
    }

    It 'covers every exported command' {
        $covered = @($needConnection.Command) + 'Get-OktaEventType', 'Connect-OktaOrg', 'Test-OktaEventHookEndpoint', 'Get-OktaConnection', 'Disconnect-OktaOrg'
        (Get-Module OktaEventHooks).ExportedCommands.Keys | Sort-Object | Should -Be ($covered | Sort-Object)
    }
}
