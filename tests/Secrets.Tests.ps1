# Secrets: never printed, never cut, never sent where they do not belong; refused when they cannot be sent whole.

BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
    function Secret([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }
    $script:repo = Get-RepoPath
    $script:moduleManifest = Get-StagedModulePath
    $script:exported = @((Get-Module OktaEventHooks).ExportedCommands.Keys | Sort-Object)
}
AfterAll { Stop-TestSandbox }

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
