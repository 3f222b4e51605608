# Errors as a user and a runbook meet them: terminating or not, named parameters, plain messages, no .NET text.

BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
    function Secret([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }
    $script:moduleManifest = Get-StagedModulePath
}
AfterAll { Stop-TestSandbox }

Describe 'A failed login does not look like an empty org' {
    BeforeAll {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:first = New-TestHook -Name 'first'
        $script:second = New-TestHook -Name 'second'
    }
    BeforeEach { Reset-SandboxFaults; Clear-SandboxRequestLog }
    AfterEach { Connect-TestSandbox }

    It 'after a 401, try/catch catches it without -ErrorAction Stop, and neither the ForEach-Object body nor the next statement runs' {
        $script:body = $false; $script:next = $false; $caught = $null
        try {
            # The 401 now comes from Connect-OktaOrg, which checks the token; nothing after it runs.
            Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (Secret 'wrong-token')
            Get-OktaEventHook | ForEach-Object { $script:body = $true }
            $script:next = $true
        }
        catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -Be 'E0000011,OktaEventHooks.Commands.ConnectOktaOrgCommand'
        $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $script:body | Should -BeFalse
        $script:next | Should -BeFalse
    }

    It 'ends Disable over several hooks at the first 401, sending no more requests' {
        # A token revoked after connecting: -SkipValidation connects without the check that would refuse it.
        Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (Secret 'wrong-token') -SkipValidation -InformationAction Ignore
        $caught = $null
        try { Disable-OktaEventHook -Id $first.Id, $second.Id -Confirm:$false } catch { $caught = $_ }
        $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
        @(Get-SandboxRequestLog).Count | Should -Be 1
    }

    It 'ends Test-OktaEventHook at a 401 too' {
        Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (Secret 'wrong-token') -SkipValidation -InformationAction Ignore
        $caught = $null
        try { Test-OktaEventHook -Id $first.Id, $second.Id -Confirm:$false } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty -Because 'a 401 is not about one hook'
        $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
        @(Get-SandboxRequestLog).Count | Should -Be 1
    }

    It 'ends the command when listing is forbidden (403)' {
        Add-SandboxFault @{ mode = 'status'; status = 403; count = 1; method = 'GET'; pathExact = '/api/v1/eventHooks' }
        $caught = Get-TerminatingError { Get-OktaEventHook | ForEach-Object { throw 'the pipeline ran on' } }
        $caught.CategoryInfo.Category | Should -Be 'PermissionDenied'
    }

    It 'ends the command when the org cannot be reached, naming the org URL' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $caught = Get-TerminatingError { Connect-OktaOrg -OrgUrl "http://127.0.0.1:$port" -ApiToken (Secret 'any-token') -MaxRetries 0 }
        $caught.FullyQualifiedErrorId | Should -Be 'OktaConnectionFailed,OktaEventHooks.Commands.ConnectOktaOrgCommand'
        $caught.CategoryInfo.Category | Should -Be 'ConnectionError'
        $caught.Exception.Message | Should -Match ([regex]::Escape("127.0.0.1:$port"))
    }

    It 'ends the command when the rate limit is exhausted' {
        Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (Get-SandboxToken) -MaxRetries 0 -InformationAction Ignore
        Add-SandboxFault @{ mode = 'status'; status = 429; count = 5; method = 'GET' }
        (Get-TerminatingError { Get-OktaEventHook }).CategoryInfo.Category | Should -Be 'LimitsExceeded'
        Reset-SandboxFaults   # the next test's connection checks its token with a read
    }

    It 'keeps a failure about one hook non-terminating: the other hooks and the next statement still run' {
        $next = $false
        $hooks = Get-OktaEventHook -Id 'whoDoesNotExist00000', $second.Id -ErrorVariable failed -ErrorAction SilentlyContinue
        $next = $true
        $hooks.Name | Should -Be 'second'
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'E0000007,*'
        $next | Should -BeTrue
    }

    It 'fails a runbook run as pwsh -NonInteractive -File with $ErrorActionPreference = Stop: exit code 1, nothing exported' {
        $csv = Join-Path $TestDrive 'hooks.csv'
        $marker = Join-Path $TestDrive 'after.txt'
        $runbook = Join-Path $TestDrive 'runbook.ps1'
        Set-Content -LiteralPath $runbook -Value @"
`$ErrorActionPreference = 'Stop'
Import-Module '$moduleManifest'
Connect-OktaOrg -OrgUrl '$(Get-SandboxUrl)' -ApiToken (ConvertTo-SecureString 'wrong-token' -AsPlainText -Force)
Get-OktaEventHook | Select-Object Name, Status, Uri | Export-Csv -LiteralPath '$csv' -NoTypeInformation
Set-Content -LiteralPath '$marker' -Value 'the runbook went on'
"@
        $run = Invoke-ChildPwsh @('-File', $runbook)
        $run.ExitCode | Should -Be 1
        $run.Output | Should -Match 'E0000011'
        $marker | Should -Not -Exist
        if (Test-Path -LiteralPath $csv) { Get-Content -LiteralPath $csv | Should -BeNullOrEmpty }
    }
}

Describe 'Messages' {
    BeforeAll {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:secretHook = New-TestHook -Name 'with secret' -Secret 'Basic eight' -EventType user.lifecycle.create, user.session.start
    }
    AfterEach { Connect-TestSandbox }

    It 'has no "(Parameter ''X'')" suffix in <Case>' -TestCases @(
        @{ Case = 'an org URL that is not https'; Script = { Connect-OktaOrg -OrgUrl 'ftp://contoso.okta.com' -ApiToken (ConvertTo-SecureString 't' -AsPlainText -Force) } }
        @{ Case = 'an Admin Console URL'; Script = { Connect-OktaOrg -OrgUrl 'https://contoso-admin.okta.com' -ApiToken (ConvertTo-SecureString 't' -AsPlainText -Force) } }
        @{ Case = 'an http hook endpoint to another host'; Script = { New-OktaEventHook -Name n -Uri 'http://hooks.example.com/x' -EventType user.lifecycle.create } }
        @{ Case = 'a blank event type'; Script = { New-OktaEventHook -Name n -Uri 'https://hooks.example.com/x' -EventType ' ' } }
        @{ Case = 'a -TimeoutSec out of range'; Script = { Connect-OktaOrg -OrgUrl 'https://contoso.okta.com' -ApiToken (ConvertTo-SecureString 't' -AsPlainText -Force) -TimeoutSec 0 } }
    ) {
        $failure = Get-TerminatingError $Script
        $failure.Exception.Message | Should -Not -Match "\(Parameter '"
    }

    It 'names the org URL when the org cannot be reached' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        (Get-TerminatingError { Connect-OktaOrg -OrgUrl "http://127.0.0.1:$port" -ApiToken (Secret 't') -MaxRetries 0 }).Exception.Message | Should -Match ([regex]::Escape("http://127.0.0.1:$port"))
    }

    It 'puts its colon after "Environment variable OKTA_CLIENT_PRIVATEKEY"' {
        $saved = @{}
        $settings = @{ OKTA_CLIENT_ORGURL = (Get-SandboxUrl); OKTA_CLIENT_AUTHORIZATIONMODE = 'PrivateKey'; OKTA_CLIENT_CLIENTID = '0oaPromptTest'; OKTA_CLIENT_PRIVATEKEY = 'not a key' }
        foreach ($name in @($settings.Keys) + @('OKTA_CLIENT_TOKEN', 'OKTA_CLIENT_SCOPES')) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $settings[$name]) }
        try { $failure = Get-TerminatingError { Connect-OktaOrg -FromEnvironment } }
        finally { foreach ($pair in $saved.GetEnumerator()) { [Environment]::SetEnvironmentVariable($pair.Key, $pair.Value) } }
        $failure.Exception.Message | Should -Match '^Environment variable OKTA_CLIENT_PRIVATEKEY: '
    }

    It 'says "Nothing to change" for a Set that changes nothing on a hook with an auth header, and sends no write' {
        Clear-SandboxRequestLog
        Set-OktaEventHook -Id $secretHook.Id -Description $secretHook.Description -Confirm:$false -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed | Should -BeNullOrEmpty
        $warned.Message | Should -Match 'Nothing to change'
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
    }

    It 'says so when -RemoveEventType names a type the hook does not have' {
        Set-OktaEventHook -Id $secretHook.Id -RemoveEventType user.lifecycle.delete.initiated -AuthHeaderValue (Secret 'Basic eight') -Confirm:$false `
            -WarningVariable warned -WarningAction SilentlyContinue
        $warned.Message | Should -Match ([regex]::Escape('user.lifecycle.delete.initiated'))
        $warned.Message -join ' ' | Should -Match 'not|does not have|lacks'
    }

    It 'tells to enable an INACTIVE hook before verifying it' {
        $inactive = New-TestHook -Name 'sleeping'
        Disable-OktaEventHook -Id $inactive.Id -Confirm:$false
        Test-OktaEventHook -Id $inactive.Id -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].ErrorDetails.RecommendedAction | Should -Match 'Enable-OktaEventHook'
    }

    It 'offers "did you mean" or a search hint for an unknown event type in Get-OktaEventType' {
        $null = Get-OktaEventType 'user.lifecycle.deactivat' -ErrorVariable near -ErrorAction SilentlyContinue
        $null = Get-OktaEventType 'nonexistent.type' -ErrorVariable far -ErrorAction SilentlyContinue
        $near[0].Exception.Message | Should -Match 'did you mean user\.lifecycle\.deactivate'
        "$($far[0].Exception.Message)" | Should -Match "did you mean|Get-OktaEventType '\*\w+\*'"
    }
}

Describe 'Named errors for bad input instead of .NET ones' {
    BeforeEach { Reset-TestSandbox; Connect-TestSandbox }

    It 'names -Name for an invalid wildcard pattern' {
        { Get-OktaEventHook -Name '[' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        { Get-OktaEventType -Name '[' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }

    It 'checks the export path before reading any hook (<Case>)' -TestCases @(
        @{ Case = 'a folder'; Path = { [IO.Path]::GetTempPath() } }
        @{ Case = 'a missing folder'; Path = { Join-Path ([IO.Path]::GetTempPath()) "missing-$([guid]::NewGuid())/hooks.json" } }
        @{ Case = 'wildcards'; Path = { Join-Path ([IO.Path]::GetTempPath()) '*.json' } }
    ) {
        Clear-SandboxRequestLog
        $failure = Get-TerminatingError { Export-OktaEventHook -Path (& $Path) }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.Path,*'
        Get-SandboxRequestLog | Should -BeNullOrEmpty
    }

    It 'names the key for a curve Okta does not take (<Curve>)' -TestCases @(@{ Curve = 'secp256k1' }, @{ Curve = 'brainpoolP256r1' }) {
        $key = [System.Security.Cryptography.ECDsa]::Create([System.Security.Cryptography.ECCurve]::CreateFromFriendlyName($Curve))
        $failure = Get-TerminatingError { Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ClientId '0oaCurve' -PrivateKey (Secret $key.ExportPkcs8PrivateKeyPem()) }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.PrivateKey,*'
        $failure.Exception.GetType().Name | Should -Not -Match 'Cryptographic'
    }

    It 'names the key for a JWK with bad base64' {
        $jwk = '{"kty":"EC","crv":"P-256","x":"***","y":"@@@","d":"!!!"}'
        $failure = Get-TerminatingError { Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ClientId '0oaJwk' -PrivateKey (Secret $jwk) }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.PrivateKey,*'
    }
}

Describe 'Loose values refused before sending' {
    BeforeEach { Reset-TestSandbox; Connect-TestSandbox; Clear-SandboxRequestLog }

    It 'refuses a name with <Case>' -TestCases @(
        @{ Case = 'a line break'; Name = "two`r`nlines" }
        @{ Case = 'a NUL'; Name = "nul`0here" }
        @{ Case = 'a bidi override'; Name = "evil$([char]0x202E)txt.exe" }
    ) {
        { New-OktaEventHook -Name $Name -Uri (Get-ReceiverUri ok) -EventType user.lifecycle.create } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        Get-SandboxRequestLog | Should -BeNullOrEmpty
    }

    It 'refuses a 1 MB description and a 1 MB header value' {
        New-OktaEventHook -Name 'Big' -Uri (Get-ReceiverUri ok) -EventType user.lifecycle.create -Description ('d' * 1MB) -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.Description,*'
        New-OktaEventHook -Name 'Big' -Uri (Get-ReceiverUri ok) -EventType user.lifecycle.create -Header @{ 'X-Big' = 'h' * 1MB } -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.Header,*'
        Get-SandboxRequestLog | Should -BeNullOrEmpty
    }

    It 'says plainly that a truncated answer was cut short, without quoting the JSON parser' {
        $hook = New-TestHook -Name 'Cut'
        Add-SandboxFault @{ mode = 'truncated'; count = 10; method = 'GET' }
        Get-OktaEventHook -Id $hook.Id -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].Exception.Message | Should -Match 'cut short'
        $failure[0].Exception.Message | Should -Not -Match 'Unterminated|Path ''|line 1, position'
    }
}
