# Secrets never reach the user's screen, streams, transcripts or error records: not through a gateway that echoes them,
# not when they are very short, not inside a URL's query, and never cut short without a word.

BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Import-Module "$PSScriptRoot/HostileServer.psm1" -Force
    Initialize-TestSandbox
    function Secret([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }

    # Everything a person or a transcript could see of $Script: every stream, and each error record in full.
    function Get-AllText([scriptblock] $Script) {
        $transcript = Join-Path ([IO.Path]::GetTempPath()) "oktaeh-secrets-$([guid]::NewGuid().ToString('N')).txt"
        $null = Start-Transcript -LiteralPath $transcript
        try {
            $seen = & {
                try { & $Script *>&1 | ForEach-Object { if ($_ -is [Management.Automation.ErrorRecord]) { $_ | Format-List * -Force | Out-String; $_.CategoryInfo | Out-String } else { $_ | Out-String } } }
                catch { $_ | Format-List * -Force | Out-String; $_.CategoryInfo | Out-String; "$($_.TargetObject)" }
            } | Out-String
            $seen | Out-Host
        }
        finally { $null = Stop-Transcript }
        $seen + (Get-Content -LiteralPath $transcript -Raw)
        Remove-Item -LiteralPath $transcript -ErrorAction SilentlyContinue
    }

    # A gateway in front of the org that repeats the request's Authorization header as X-Okta-Request-Id, and an org
    # that repeats a hook's auth header value in its error. GET /mode/<status> sets the status of the answers that follow.
    $script:gateway = Start-HostileServer {
        param($request)
        if ($request.Path -like '/mode/*') { $global:status = [int]($request.Path -split '/')[-1]; return @{ Body = '{}' } }
        $status = if ($global:status) { $global:status } else { 200 }
        $echo = @{ 'X-Okta-Request-Id' = $request.Headers['Authorization'] }
        if ($request.Method -eq 'POST' -and $request.Body -match '"value"\s*:\s*"(?<value>[^"]*)"') {
            $value = $Matches.value
            return @{ Status = 400; Headers = $echo; Body = "{`"errorCode`":`"E0000001`",`"errorSummary`":`"Api validation failed: value $value rejected $value.`",`"errorCauses`":[{`"errorSummary`":`"authScheme.value: $value`"}]}" }
        }
        $body = if ($status -eq 200) { '[]' } else { '{"errorCode":"E0000009","errorSummary":"Internal Server Error"}' }
        @{ Status = $status; Headers = $echo; Body = $body }
    }
    function Set-GatewayStatus([int] $Status) { $null = Invoke-RestMethod "$($gateway.Url)/mode/$Status" }
}
AfterAll {
    $gateway.Stop()
    Stop-TestSandbox
}

Describe 'Secrets in custom headers' {
    BeforeAll {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:canary = 'Bearer CANARY-header-5150'
        $script:hook = New-OktaEventHook -Name 'Header secret' -Uri (Get-ReceiverUri ok 'header-secret') -EventType user.lifecycle.create `
            -Header ([ordered]@{ Authorization = $canary; 'X-Tenant' = 'emea' }) -WarningVariable warned -WarningAction SilentlyContinue
        $script:warned = $warned
    }

    It 'warns that the header looks like a credential and points to -AuthHeaderValue' {
        $warned.Message | Should -Match "'Authorization' looks like a credential"
        $warned.Message | Should -Match '-AuthHeaderValue'
    }

    It 'warns for names that contain key, token, secret or password' -TestCases @(
        @{ Name = 'X-Api-Key' }, @{ Name = 'X-Access-Token' }, @{ Name = 'Client-Secret' }, @{ Name = 'X-Password' }
    ) {
        $null = New-OktaEventHook -Name "warn $Name" -Uri 'https://hooks.example.com/x' -EventType user.lifecycle.create -Header @{ $Name = 'v' } -WhatIf -WarningVariable w -WarningAction SilentlyContinue
        $w.Message | Should -Match ([regex]::Escape("'$Name' looks like a credential"))
    }

    It 'masks the value in every view: Format-List, Format-List *, Format-Table, Export-Csv and the string of Headers' {
        $shown = @(
            Get-OktaEventHook 'Header secret' | Format-List | Out-String -Width 300
            Get-OktaEventHook 'Header secret' | Format-List * | Out-String -Width 300
            Get-OktaEventHook 'Header secret' | Select-Object Name, Headers | Format-Table | Out-String -Width 300
            Get-OktaEventHook 'Header secret' | Format-Table | Out-String -Width 300
            Get-OktaEventHook 'Header secret' | ConvertTo-Csv
            "$((Get-OktaEventHook 'Header secret').Headers)"
        ) -join "`n"
        $shown | Should -Not -Match 'CANARY'
        $shown | Should -Match 'Authorization: \*\*\*'
        $shown | Should -Match 'X-Tenant: emea'
    }

    It 'keeps the value readable by name: Okta returns it to anyone who can read the hook' {
        (Get-OktaEventHook 'Header secret').Headers['Authorization'] | Should -Be $canary
    }

    It 'refuses a custom header with the auth header''s name before sending anything' {
        Clear-SandboxRequestLog
        New-OktaEventHook -Name 'Clash' -Uri 'https://hooks.example.com/clash' -EventType user.lifecycle.create `
            -Header @{ 'x-hook-secret' = 'v' } -AuthHeaderName 'X-Hook-Secret' -AuthHeaderValue (Secret 'real-secret') `
            -ErrorVariable failed -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.Header,*'
        $failed[0].Exception.Message | Should -Match 'auth header'
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
    }
}

Describe 'Secrets that contain a line break' {
    BeforeEach { Reset-TestSandbox }

    It 'refuses an API token with CR/LF before sending, without printing it (<Parameter>)' -TestCases @(
        @{ Parameter = 'ApiToken' }
        @{ Parameter = 'AccessToken' }
    ) {
        $token = "tok-SECRET-1a2b`r`nX-Injected: yes"
        $params = @{ OrgUrl = (Get-SandboxUrl); $Parameter = (Secret $token) }
        $failure = Get-TerminatingError { Connect-OktaOrg @params }
        $failure.FullyQualifiedErrorId | Should -BeLike "InvalidParameter.$Parameter,*"
        $failure.Exception.Message | Should -Match 'line break'
        ($failure | Format-List * -Force | Out-String) | Should -Not -Match 'SECRET-1a2b'
        Get-SandboxRequestLog | Should -BeNullOrEmpty
    }

    It 'refuses a token outside printable ASCII as a named parameter error, not a connection failure' {
        $failure = Get-TerminatingError { Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (Secret 'tök-ÄÖÜ-1234567890') }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.ApiToken,*'
        $failure.Exception.Message | Should -Not -Match 'tök'
    }

    It 'refuses a whitespace-only token and a client id with spaces, naming the parameter' {
        (Get-TerminatingError { Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (Secret '   ') }).FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.ApiToken,*'
        $key = [System.Security.Cryptography.ECDsa]::Create([System.Security.Cryptography.ECCurve+NamedCurves]::nistP256)
        $pem = $key.ExportPkcs8PrivateKeyPem()
        (Get-TerminatingError { Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ClientId '0oa abc' -PrivateKey (Secret $pem) }).FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.ClientId,*'
    }
}

Describe 'Credentials in a URL' {
    BeforeEach { Reset-TestSandbox; Connect-TestSandbox }

    It 'refuses an org URL with a user name and password, and never repeats the password' {
        $url = (Get-SandboxUrl) -replace '^http://', 'http://admin:P4ssw0rd-url@'
        $failure = Get-TerminatingError { Connect-OktaOrg -OrgUrl $url -ApiToken (Get-SandboxToken) -Verbose }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.OrgUrl,*'
        ($failure | Format-List * -Force | Out-String) | Should -Not -Match 'P4ssw0rd-url'
        Get-SandboxRequestLog | Should -BeNullOrEmpty
    }

    It 'refuses a hook endpoint with credentials or a fragment in New, Set and Test-OktaEventHookEndpoint' {
        $withPassword = 'https://user:Hidden-pw9@hooks.example.com/okta'
        { New-OktaEventHook -Name 'x' -Uri $withPassword -EventType user.lifecycle.create } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        { Test-OktaEventHookEndpoint -Uri $withPassword } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        { New-OktaEventHook -Name 'x' -Uri 'https://hooks.example.com/okta#part' -EventType user.lifecycle.create } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        try { New-OktaEventHook -Name 'x' -Uri $withPassword -EventType user.lifecycle.create } catch { ($_ | Out-String) | Should -Not -Match 'Hidden-pw9' }
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
    }

    It 'refuses a proxy URL with credentials, pointing to -ProxyCredential' {
        $failure = Get-TerminatingError { Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (Get-SandboxToken) -Proxy 'http://bob:Proxy-pw7@proxy.example.com:8080' }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.Proxy,*'
        $failure.Exception.Message | Should -Match 'ProxyCredential'
        ($failure | Format-List * -Force | Out-String) | Should -Not -Match 'Proxy-pw7'
    }
}

Describe 'One secret for several hooks' {
    BeforeEach {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:a = New-TestHook -Name 'Bulk A' -Secret 'Bearer secret-of-a'
        $script:b = New-TestHook -Name 'Bulk B'
        Clear-SandboxRequestLog
    }

    It 'refuses to give one -AuthHeaderValue to several piped hooks, changing none' {
        Get-OktaEventHook -Name 'Bulk*' | Set-OktaEventHook -Description 'x' -AuthHeaderValue (Secret 'Bearer one-for-all') -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'AuthHeaderValueForManyHooks,*'
        $failure[0].Exception.Message | Should -Match 'Bulk A'
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
        (Get-SandboxStoredHook $b.Id).channel.config.authScheme | Should -BeNullOrEmpty
    }

    It 'gives it to each hook with -Force, and -WhatIf tells added from replaced' {
        $text = Get-HostText { Get-OktaEventHook -Name 'Bulk*' | Set-OktaEventHook -Description 'x' -AuthHeaderValue (Secret 'Bearer one-for-all') -Force -WhatIf }
        $text | Should -Match 'Bulk A .*|AuthHeader: Authorization value replaced'
        $text | Should -Match 'AuthHeader: Authorization added \(value \*\*\*\)'
        $text | Should -Match 'AuthHeader: Authorization value replaced \(\*\*\*\)'
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
        Get-OktaEventHook -Name 'Bulk*' | Set-OktaEventHook -Description 'x' -AuthHeaderValue (Secret 'Bearer one-for-all') -Force -Confirm:$false
        @(Get-SandboxWriteRequest).Count | Should -Be 2
    }

    It 'still takes the secret for one piped hook' {
        Get-OktaEventHook -Name 'Bulk A' | Set-OktaEventHook -Description 'only A' -AuthHeaderValue (Secret 'Bearer new-a') -Confirm:$false
        (Get-OktaEventHook -Id $a.Id).Description | Should -Be 'only A'
    }
}


Describe 'The canary behind a gateway that echoes the credential' {
    BeforeEach { Set-GatewayStatus 200 }

    It 'never shows the API token in a verbose line, a retry line or an error when Okta answers <Status>' -TestCases @(
        @{ Status = 200 }, @{ Status = 400 }, @{ Status = 500 }
    ) {
        $token = '00CANARYtok3n-echoed-9f8e7d6c5b4a'
        Set-GatewayStatus $Status
        $text = Get-AllText {
            $c = Connect-OktaOrg -OrgUrl $gateway.Url -ApiToken (Secret $token) -MaxRetries 1 -PassThru -Verbose
            Get-OktaEventHook -Connection $c -Verbose -ErrorAction Continue
        }
        $text | Should -Match 'GET api/v1/eventHooks -> \d+'
        $text | Should -Not -Match 'CANARYtok3n'
        $text | Should -Not -Match 'X-Okta-Request-Id SSWS'
    }

    It 'never shows a hook secret of <Secret.Length> character(s) that the org repeats in its error' -TestCases @(
        @{ Secret = 'Zq9' }, @{ Secret = 'x7' }, @{ Secret = '#' }
    ) {
        $text = Get-AllText {
            $c = Connect-OktaOrg -OrgUrl $gateway.Url -ApiToken (Secret '00CANARYtok3n-echoed-9f8e7d6c5b4a') -PassThru
            New-OktaEventHook -Connection $c -Name 'canary' -Uri 'https://hooks.example.com/okta' -EventType user.lifecycle.create `
                -AuthHeaderValue (Secret $Secret) -Confirm:$false -Verbose -ErrorAction Continue
        }
        $text | Should -Match 'Api validation failed'
        $text | Should -Not -Match ('value ' + [regex]::Escape($Secret))
        $text | Should -Not -Match ('authScheme.value: ' + [regex]::Escape($Secret))
    }
}

Describe 'Secrets in the query of a URL' {
    It 'keeps a refused -OrgUrl''s query out of the message, the target and the category' {
        $failure = Get-TerminatingError { Connect-OktaOrg -OrgUrl 'http://okta.example.com/?x=Qu3ry-S3cret-77' -ApiToken (Secret 'whatever-token-123') }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.OrgUrl,*'
        ($failure | Format-List * -Force | Out-String) + ($failure.CategoryInfo | Out-String) + "$($failure.TargetObject)" | Should -Not -Match 'Qu3ry-S3cret'
    }

    It 'keeps an endpoint''s query out of Test-OktaEventHookEndpoint -WhatIf and out of its refusal' {
        $text = Get-HostText { Test-OktaEventHookEndpoint -Uri 'https://10.9.8.7/?token=Qu3ry-S3cret-88' -WhatIf }
        $text | Should -Match '10\.9\.8\.7'
        $text | Should -Not -Match 'Qu3ry-S3cret'
        $failure = Get-TerminatingError { Test-OktaEventHookEndpoint -Uri 'http://10.9.8.7/?token=Qu3ry-S3cret-88' }
        $failure.Exception.Message | Should -Match "http://10\.9\.8\.7/\?\.\.\.' uses http://"
        ($failure | Format-List * -Force | Out-String) | Should -Not -Match 'Qu3ry-S3cret'
    }
}

Describe 'A NUL or another control character inside a secret' {
    BeforeEach { Reset-TestSandbox; Connect-TestSandbox; Clear-SandboxRequestLog; Clear-ReceiverRequestLog }

    It 'refuses it in <Command> -<Parameter>, naming the parameter, and sends nothing' -TestCases @(
        @{ Command = 'New-OktaEventHook'; Parameter = 'AuthHeaderValue' }
        @{ Command = 'Connect-OktaOrg'; Parameter = 'ApiToken' }
        @{ Command = 'Test-OktaEventHookEndpoint'; Parameter = 'AuthHeaderValue' }
    ) {
        $secret = Secret "Bearer first-part-12345`0second-part-6789"
        $params = switch ($Command) {
            'New-OktaEventHook' { @{ Name = 'nul'; Uri = (Get-ReceiverUri ok); EventType = 'user.lifecycle.create'; AuthHeaderValue = $secret; Confirm = $false } }
            'Connect-OktaOrg' { @{ OrgUrl = (Get-SandboxUrl); ApiToken = $secret } }
            'Test-OktaEventHookEndpoint' { @{ Uri = (Get-ReceiverUri ok); AuthHeaderValue = $secret } }
        }
        $failure = Get-TerminatingError { & $Command @params }
        $failure.FullyQualifiedErrorId | Should -BeLike "InvalidParameter.$Parameter,*"
        $failure.Exception.Message | Should -Match 'control character'
        ($failure | Format-List * -Force | Out-String) | Should -Not -Match 'first-part|second-part'
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
        Get-ReceiverRequestLog | Should -BeNullOrEmpty
    }

    It 'refuses it in Set-OktaEventHook and Import-OktaEventHook, changing nothing' {
        $hook = New-TestHook -Name 'has secret' -Secret 'Bearer old-secret-123'
        Clear-SandboxRequestLog
        $failure = Get-TerminatingError { Set-OktaEventHook -Id $hook.Id -Name 'renamed' -AuthHeaderValue (Secret "new`0cut") -Confirm:$false }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.AuthHeaderValue,*'
        $file = Join-Path ([IO.Path]::GetTempPath()) "oktaeh-nul-$([guid]::NewGuid().ToString('N')).json"
        try {
            Export-OktaEventHook -Path $file
            $document = Get-Content -LiteralPath $file -Raw | ConvertFrom-Json
            $document.eventHooks[0].name = 'renamed'
            $document | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath $file
            $failure = Get-TerminatingError { Import-OktaEventHook -Path $file -AuthHeaderValue @{ 'renamed' = (Secret "new`0cut") } -Confirm:$false }
            $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.AuthHeaderValue,*'
            $failure.Exception.Message | Should -Match 'control character'
        }
        finally { Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue }
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
        (Get-SandboxStoredHook $hook.Id).name | Should -Be 'has secret'
    }
}
