# Connect-OktaOrg for unattended use: OAuth client credentials with private_key_jwt (RSA, EC, PEM, JWK),
# DPoP, access tokens, environment variables, several orgs, a proxy, and no secret in any output.
BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
    Import-Module (Join-Path $PSScriptRoot '../tools/Sandbox.psm1')

    function ConvertTo-Base64Url([byte[]] $Bytes) { [Convert]::ToBase64String($Bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_') }

    # A fresh key pair: the private key as PEM and JWK text, the public key as a JWK object.
    function New-TestKey([ValidateSet('RSA', 'EC')] [string] $Kind, [string] $KeyId = [guid]::NewGuid().ToString('N')) {
        if ($Kind -eq 'RSA') {
            $key = [System.Security.Cryptography.RSA]::Create(2048)
            $p = $key.ExportParameters($true)
            $public = [ordered]@{ kty = 'RSA'; kid = $KeyId; n = ConvertTo-Base64Url $p.Modulus; e = ConvertTo-Base64Url $p.Exponent }
            $private = [ordered]@{ kty = 'RSA'; kid = $KeyId; n = $public.n; e = $public.e; d = ConvertTo-Base64Url $p.D; p = ConvertTo-Base64Url $p.P
                q = ConvertTo-Base64Url $p.Q; dp = ConvertTo-Base64Url $p.DP; dq = ConvertTo-Base64Url $p.DQ; qi = ConvertTo-Base64Url $p.InverseQ }
            $pem = $key.ExportPkcs8PrivateKeyPem()
            $pkcs1 = $key.ExportRSAPrivateKeyPem()
            $publicPem = $key.ExportSubjectPublicKeyInfoPem()
        }
        else {
            $key = [System.Security.Cryptography.ECDsa]::Create([System.Security.Cryptography.ECCurve+NamedCurves]::nistP256)
            $p = $key.ExportParameters($true)
            $public = [ordered]@{ kty = 'EC'; kid = $KeyId; crv = 'P-256'; x = ConvertTo-Base64Url $p.Q.X; y = ConvertTo-Base64Url $p.Q.Y }
            $private = [ordered]@{ kty = 'EC'; kid = $KeyId; crv = 'P-256'; x = $public.x; y = $public.y; d = ConvertTo-Base64Url $p.D }
            $pem = $key.ExportPkcs8PrivateKeyPem()
            $pkcs1 = $key.ExportECPrivateKeyPem()
            $publicPem = $key.ExportSubjectPublicKeyInfoPem()
        }
        [pscustomobject]@{ KeyId = $KeyId; Pem = $pem; LegacyPem = $pkcs1; PublicPem = $publicPem; PrivateJwk = ($private | ConvertTo-Json -Compress); PublicJwk = $public }
    }

    function Register-TestClient {
        param([string] $BaseUrl = (Get-SandboxUrl), [string] $ClientId, $Key, [string[]] $Scopes = @('okta.eventHooks.read', 'okta.eventHooks.manage'),
              [switch] $RequireDpop, [int] $TokenLifetimeSeconds = 3600)
        $body = @{ clientId = $ClientId; jwks = @{ keys = @($Key.PublicJwk) }; scopes = $Scopes; requireDpop = [bool]$RequireDpop; tokenLifetimeSeconds = $TokenLifetimeSeconds } |
            ConvertTo-Json -Depth 6
        $null = Invoke-RestMethod -Method Post -Uri "$BaseUrl/sandbox/oauth/clients" -Body $body -ContentType 'application/json'
    }

    function Save-TestKey([string] $Text) {
        $path = Join-Path ([IO.Path]::GetTempPath()) "oktaeh-key-$([guid]::NewGuid().ToString('N')).pem"
        Set-Content -LiteralPath $path -Value $Text -NoNewline
        $path
    }

    function Invoke-HookRoundTrip {
        param([OktaEventHooks.OktaConnection] $Connection)
        $hook = New-OktaEventHook -Connection $Connection -Name "oauth-$([guid]::NewGuid().ToString('N').Substring(0, 6))" -Uri (Get-ReceiverUri) -EventType user.lifecycle.create -ErrorAction Stop
        @(Get-OktaEventHook -Connection $Connection -ErrorAction Stop).Id | Should -Contain $hook.Id
        Remove-OktaEventHook -Connection $Connection -Id $hook.Id -Force -Confirm:$false -ErrorAction Stop
        @(Get-OktaEventHook -Connection $Connection -ErrorAction Stop).Id | Should -Not -Contain $hook.Id
    }

    $script:keyFiles = [System.Collections.Generic.List[string]]::new()
}
AfterAll {
    $script:keyFiles | ForEach-Object { Remove-Item -LiteralPath $_ -ErrorAction SilentlyContinue }
    Stop-TestSandbox
}

Describe 'Connect-OktaOrg with a private key (OAuth client credentials)' {
    BeforeEach { Reset-TestSandbox }

    It 'connects with <Case> and lists, creates and removes hooks' -TestCases @(
        @{ Case = 'an RSA PKCS#8 PEM file'; Kind = 'RSA'; Form = 'Pem'; ByPath = $true }
        @{ Case = 'an RSA PKCS#1 PEM file'; Kind = 'RSA'; Form = 'LegacyPem'; ByPath = $true }
        @{ Case = 'an EC PKCS#8 PEM file'; Kind = 'EC'; Form = 'Pem'; ByPath = $true }
        @{ Case = 'an EC SEC1 PEM as a SecureString'; Kind = 'EC'; Form = 'LegacyPem'; ByPath = $false }
        @{ Case = 'an RSA JWK as a SecureString'; Kind = 'RSA'; Form = 'PrivateJwk'; ByPath = $false }
        @{ Case = 'an EC JWK file'; Kind = 'EC'; Form = 'PrivateJwk'; ByPath = $true }
    ) {
        $key = New-TestKey $Kind
        Register-TestClient -ClientId '0oaTestClient' -Key $key
        $params = @{ OrgUrl = (Get-SandboxUrl); ClientId = '0oaTestClient'; KeyId = $key.KeyId; PassThru = $true }
        if ($ByPath) { $path = Save-TestKey $key.$Form; $script:keyFiles.Add($path); $params.PrivateKeyPath = $path }
        else { $params.PrivateKey = ConvertTo-SecureString $key.$Form -AsPlainText -Force }
        $connection = Connect-OktaOrg @params
        $connection.AuthMode | Should -Be 'PrivateKey'
        $connection.ClientId | Should -Be '0oaTestClient'
        $connection.Scopes | Should -Be @('okta.eventHooks.read', 'okta.eventHooks.manage')
        $connection.TokenExpiresAt | Should -BeGreaterThan (Get-Date)
        Invoke-HookRoundTrip $connection
        $api = Get-SandboxRequestLog | Where-Object path -like '/api/v1/*'
        $api.authorizationScheme | Sort-Object -Unique | Should -Be 'Bearer'
        $api.clientId | Sort-Object -Unique | Should -Be '0oaTestClient'
        @(Get-SandboxRequestLog | Where-Object path -eq '/oauth2/v1/token').Count | Should -Be 1
    }

    It 'uses DPoP when the app requires it, with a different proof on every call (<Kind> key)' -TestCases @(@{ Kind = 'RSA' }, @{ Kind = 'EC' }) {
        $key = New-TestKey $Kind
        Register-TestClient -ClientId '0oaDpopClient' -Key $key -RequireDpop
        $connection = Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ClientId '0oaDpopClient' -PrivateKey (ConvertTo-SecureString $key.Pem -AsPlainText -Force) -PassThru
        $connection.AuthMode | Should -Be 'PrivateKey+DPoP'
        Invoke-HookRoundTrip $connection
        $api = @(Get-SandboxRequestLog | Where-Object path -like '/api/v1/*')
        $api.Count | Should -BeGreaterOrEqual 5
        $api.status | Sort-Object -Unique | Should -Not -Contain 400
        $api.authorizationScheme | Sort-Object -Unique | Should -Be 'DPoP'
        @($api.dpopJti | Where-Object { $_ }).Count | Should -Be $api.Count
        @($api.dpopJti | Sort-Object -Unique).Count | Should -Be $api.Count
        # The nonce dance: the first token request is answered use_dpop_nonce, the second succeeds.
        (Get-SandboxRequestLog | Where-Object path -eq '/oauth2/v1/token').status | Should -Be @(400, 200)
    }

    It 'renews a token about to expire without the caller noticing' {
        $key = New-TestKey RSA
        Register-TestClient -ClientId '0oaShortLived' -Key $key -TokenLifetimeSeconds 2
        $connection = Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ClientId '0oaShortLived' -PrivateKey (ConvertTo-SecureString $key.Pem -AsPlainText -Force) -PassThru
        $null = Get-OktaEventHook -Connection $connection -ErrorAction Stop
        Start-Sleep -Milliseconds 2200
        { Get-OktaEventHook -Connection $connection -ErrorAction Stop } | Should -Not -Throw
        @(Get-SandboxRequestLog | Where-Object { $_.path -eq '/oauth2/v1/token' -and $_.status -eq 200 }).Count | Should -Be 2
        @(Get-SandboxRequestLog | Where-Object { $_.path -like '/api/v1/*' -and $_.status -ne 200 }).Count | Should -Be 0
    }

    It 'reports a revoked client as an AuthenticationError naming the client id' {
        $key = New-TestKey EC
        Register-TestClient -ClientId '0oaRevoked' -Key $key
        $connection = Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ClientId '0oaRevoked' -PrivateKey (ConvertTo-SecureString $key.Pem -AsPlainText -Force) -PassThru
        $null = Invoke-RestMethod -Method Post -Uri "$(Get-SandboxUrl)/sandbox/oauth/clients/0oaRevoked/revoke"
        $failure = Get-TerminatingError { Get-OktaEventHook -Connection $connection }
        $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failure.Exception.Message | Should -Match '0oaRevoked'
        $failure.Exception.Message | Should -Match 'invalid_client'
        $failure.ErrorDetails.RecommendedAction | Should -Match '0oaRevoked'
        $failure.ErrorDetails.RecommendedAction | Should -Not -Match 'API token'
    }

    It 'fails at connect when a scope is not granted, naming the client and the OAuth error' {
        $key = New-TestKey RSA
        Register-TestClient -ClientId '0oaReadOnly' -Key $key -Scopes 'okta.eventHooks.read'
        $failure = Get-TerminatingError { Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ClientId '0oaReadOnly' -PrivateKey (ConvertTo-SecureString $key.Pem -AsPlainText -Force) }
        $failure.Exception.Message | Should -BeLike '*0oaReadOnly*invalid_scope*'
        # What to fix is on the service app, never an API token.
        $failure.ErrorDetails.RecommendedAction | Should -Match 'Grant the scopes to the service app 0oaReadOnly'
        $failure.ErrorDetails.RecommendedAction | Should -Match 'okta.eventHooks.manage'
        $failure.ErrorDetails.RecommendedAction | Should -Not -Match 'API token'
    }

    It 'with a read-only scope reads, and a write is PermissionDenied' {
        $key = New-TestKey RSA
        Register-TestClient -ClientId '0oaReadOnly' -Key $key -Scopes 'okta.eventHooks.read'
        $connection = Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ClientId '0oaReadOnly' -PrivateKey (ConvertTo-SecureString $key.Pem -AsPlainText -Force) -Scope okta.eventHooks.read -PassThru
        { Get-OktaEventHook -Connection $connection -ErrorAction Stop } | Should -Not -Throw
        New-OktaEventHook -Connection $connection -Name 'denied' -Uri (Get-ReceiverUri) -EventType user.lifecycle.create -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'E0000006,*'
        $failure[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        # Okta's 403 says the token lacks scopes; the recommendation names the one the call needs and those the connection has.
        $failure[0].ErrorDetails.RecommendedAction | Should -Match 'needs the OAuth scope okta\.eventHooks\.manage; the connection has okta\.eventHooks\.read'
        $failure[0].ErrorDetails.RecommendedAction | Should -Not -Match 'API token'
    }

    It 'connects with a warning when the credential may not read event hooks (403), saying what it cannot do' {
        $key = New-TestKey RSA
        Register-TestClient -ClientId '0oaLogsOnly' -Key $key -Scopes 'okta.logs.read'
        $connection = Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ClientId '0oaLogsOnly' -PrivateKey (ConvertTo-SecureString $key.Pem -AsPlainText -Force) -Scope okta.logs.read -PassThru -WarningVariable warned -WarningAction SilentlyContinue
        Get-OktaConnection | Should -Be $connection
        $warned.Count | Should -Be 1
        "$($warned[0])" | Should -Match 'cannot read event hooks'
        "$($warned[0])" | Should -Match 'okta\.eventHooks\.read'
        { Get-OktaEventHookLog -ErrorAction Stop } | Should -Not -Throw
    }

    It 'names the service app and its scopes when it connects' {
        $key = New-TestKey RSA
        Register-TestClient -ClientId '0oaWhoAmI' -Key $key
        $said = @(Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ClientId '0oaWhoAmI' -PrivateKey (ConvertTo-SecureString $key.Pem -AsPlainText -Force) 6>&1)
        "$($said[0].MessageData)" | Should -Match 'as the service app 0oaWhoAmI'
        "$($said[0].MessageData)" | Should -Match 'okta\.eventHooks\.manage'
    }

    It 'shows the service app as the creator of the hooks it creates' {
        $key = New-TestKey RSA
        Register-TestClient -ClientId '0oaCreator' -Key $key
        Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ClientId '0oaCreator' -PrivateKey (ConvertTo-SecureString $key.Pem -AsPlainText -Force)
        $hook = New-OktaEventHook -Name 'made by an app' -Uri (Get-ReceiverUri) -EventType user.lifecycle.create
        $hook.CreatedBy | Should -Be '0oaCreator'
    }

    It 'names what to fix for <Case>' -TestCases @(
        @{ Case = 'a key file that does not exist'; Text = $null; Expected = '*-PrivateKeyPath*does not exist*' }
        @{ Case = 'a file that is not a key'; Text = 'hello'; Expected = '*-PrivateKeyPath*neither PEM*nor a JWK*' }
        @{ Case = 'a broken PEM'; Text = "-----BEGIN PRIVATE KEY-----`nAAAA`n-----END PRIVATE KEY-----"; Expected = '*-PrivateKeyPath*' }
        @{ Case = 'a public key'; Text = 'PUBLIC'; Expected = '*-PrivateKeyPath*no private key*' }
        @{ Case = 'a public JWK'; Text = 'PUBLICJWK'; Expected = '*-PrivateKeyPath*public key*' }
    ) {
        $key = New-TestKey RSA
        $path = if ($null -eq $Text) { Join-Path ([IO.Path]::GetTempPath()) 'oktaeh-no-such-key.pem' }
                elseif ($Text -eq 'PUBLIC') { Save-TestKey $key.PublicPem }
                elseif ($Text -eq 'PUBLICJWK') { Save-TestKey ($key.PublicJwk | ConvertTo-Json -Compress) }
                else { Save-TestKey $Text }
        $script:keyFiles.Add($path)
        { Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ClientId '0oaAny' -PrivateKeyPath $path } |
            Should -Throw -ErrorId 'InvalidParameter.PrivateKeyPath,*' -ExpectedMessage $Expected
        Get-SandboxRequestLog | Should -BeNullOrEmpty
    }
}

Describe 'Connect-OktaOrg with other credentials' {
    BeforeEach { Reset-TestSandbox }

    It 'sends an access token from elsewhere as a Bearer token' {
        $bearer = Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -AccessToken (ConvertTo-SecureString 'not-a-real-token' -AsPlainText -Force) -SkipValidation -PassThru
        $bearer.AuthMode | Should -Be 'Bearer'
        $failure = Get-TerminatingError { Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -AccessToken (ConvertTo-SecureString 'not-a-real-token' -AsPlainText -Force) }
        (Get-SandboxRequestLog)[0].authorizationScheme | Should -Be 'Bearer'
        $failure.FullyQualifiedErrorId | Should -BeLike 'E0000011,*'
        $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
    }

    Context 'from the Okta SDK environment variables' {
        BeforeEach {
            $saved = @{}
            foreach ($name in 'OKTA_CLIENT_ORGURL', 'OKTA_CLIENT_TOKEN', 'OKTA_CLIENT_AUTHORIZATIONMODE', 'OKTA_CLIENT_CLIENTID', 'OKTA_CLIENT_SCOPES', 'OKTA_CLIENT_PRIVATEKEY') {
                $saved[$name] = [Environment]::GetEnvironmentVariable($name)
                [Environment]::SetEnvironmentVariable($name, $null)
            }
        }
        AfterEach { foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) } }

        It 'connects with an API token' {
            $env:OKTA_CLIENT_ORGURL = Get-SandboxUrl
            $env:OKTA_CLIENT_TOKEN = $env:OKTAEH_SANDBOX_TOKEN
            (Connect-OktaOrg -FromEnvironment -PassThru).AuthMode | Should -Be 'SSWS'
            { Get-OktaEventHook -ErrorAction Stop } | Should -Not -Throw
        }

        It 'connects with a private key' {
            $key = New-TestKey EC
            Register-TestClient -ClientId '0oaFromEnv' -Key $key
            $env:OKTA_CLIENT_ORGURL = Get-SandboxUrl
            $env:OKTA_CLIENT_AUTHORIZATIONMODE = 'PrivateKey'
            $env:OKTA_CLIENT_CLIENTID = '0oaFromEnv'
            $env:OKTA_CLIENT_SCOPES = 'okta.eventHooks.read,okta.eventHooks.manage'
            $env:OKTA_CLIENT_PRIVATEKEY = $key.PrivateJwk
            (Connect-OktaOrg -FromEnvironment -PassThru).ClientId | Should -Be '0oaFromEnv'
            { Get-OktaEventHook -ErrorAction Stop } | Should -Not -Throw
        }

        It 'names the missing variable: <Missing>' -TestCases @(
            @{ Missing = 'OKTA_CLIENT_ORGURL'; Set = @{ OKTA_CLIENT_TOKEN = 'x' } }
            @{ Missing = 'OKTA_CLIENT_TOKEN'; Set = @{ OKTA_CLIENT_ORGURL = 'https://contoso.okta.com' } }
            @{ Missing = 'OKTA_CLIENT_CLIENTID'; Set = @{ OKTA_CLIENT_ORGURL = 'https://contoso.okta.com'; OKTA_CLIENT_AUTHORIZATIONMODE = 'PrivateKey' } }
            @{ Missing = 'OKTA_CLIENT_PRIVATEKEY'; Set = @{ OKTA_CLIENT_ORGURL = 'https://contoso.okta.com'; OKTA_CLIENT_AUTHORIZATIONMODE = 'PrivateKey'; OKTA_CLIENT_CLIENTID = '0oa1' } }
        ) {
            foreach ($name in $Set.Keys) { [Environment]::SetEnvironmentVariable($name, $Set[$name]) }
            { Connect-OktaOrg -FromEnvironment } | Should -Throw -ErrorId "InvalidEnvironmentVariable.$Missing,*" -ExpectedMessage "*$Missing is not set*"
        }

        It 'names a malformed variable' {
            $env:OKTA_CLIENT_ORGURL = 'http://contoso.okta.com'
            $env:OKTA_CLIENT_TOKEN = 'x'
            { Connect-OktaOrg -FromEnvironment } | Should -Throw -ErrorId 'InvalidEnvironmentVariable.OKTA_CLIENT_ORGURL,*' -ExpectedMessage '*https://*'
            $env:OKTA_CLIENT_ORGURL = 'https://contoso.okta.com'
            $env:OKTA_CLIENT_AUTHORIZATIONMODE = 'Magic'
            { Connect-OktaOrg -FromEnvironment } | Should -Throw -ErrorId 'InvalidEnvironmentVariable.OKTA_CLIENT_AUTHORIZATIONMODE,*'
        }
    }
}

Describe 'Several orgs, a proxy, and secrets' {
    BeforeAll {
        $second = Start-OktaSandbox -SandboxDll (Get-SandboxDllPath) `
            -ApiToken 'CANARY-second-org-token-7f3a9c'
    }
    AfterAll { Stop-OktaSandbox $second }
    BeforeEach {
        Reset-TestSandbox
        $null = Invoke-RestMethod -Method Post -Uri "$($second.BaseUrl)/sandbox/reset"
    }

    It 'keeps two connections to two orgs apart, also in ForEach-Object -Parallel' {
        $a = Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (Get-SandboxToken) -PassThru
        $b = Connect-OktaOrg -OrgUrl $second.BaseUrl -ApiToken (ConvertTo-SecureString $second.ApiToken -AsPlainText -Force) -PassThru
        foreach ($i in 1..3) {
            $null = New-OktaEventHook -Connection $a -Name "a-$i" -Uri (Get-ReceiverUri) -EventType user.lifecycle.create
            $null = New-OktaEventHook -Connection $b -Name "b-$i" -Uri "$($second.BaseUrl)/receiver/ok/b" -EventType user.lifecycle.create
        }
        $module = Join-Path (Get-Module OktaEventHooks).ModuleBase 'OktaEventHooks.psd1'
        1..6 | ForEach-Object -Parallel {
            Import-Module $using:module
            $connection = if ($_ % 2) { $using:a } else { $using:b }
            $prefix = if ($_ % 2) { 'pa' } else { 'pb' }
            $null = New-OktaEventHook -Connection $connection -Name "$prefix-$_" -Uri "$($connection.OrgUrl)receiver/ok/p" -EventType user.session.start -ErrorAction Stop
        } -ThrottleLimit 3
        (Get-OktaEventHook -Connection $a).Name | ForEach-Object { $_ | Should -Match '^p?a-' }
        (Get-OktaEventHook -Connection $b).Name | ForEach-Object { $_ | Should -Match '^p?b-' }
        @(Get-OktaEventHook -Connection $a).Count | Should -Be 6
        @(Get-OktaEventHook -Connection $b).Count | Should -Be 6
    }

    It 'never carries Authorization or DPoP to another host when Okta answers with a redirect (<Case>)' -TestCases @(
        @{ Case = 'API token' }
        @{ Case = 'private key with DPoP' }
    ) {
        if ($Case -eq 'API token') {
            $connection = Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (Get-SandboxToken) -PassThru
        }
        else {
            $key = New-TestKey EC
            Register-TestClient -ClientId '0oaRedirected' -Key $key -RequireDpop
            $connection = Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ClientId '0oaRedirected' -PrivateKey (ConvertTo-SecureString $key.Pem -AsPlainText -Force) -PassThru
        }
        $rule = @{ mode = 'redirect'; location = "$($second.BaseUrl)/api/v1/eventHooks"; method = 'GET'; count = 5 } | ConvertTo-Json
        $null = Invoke-RestMethod -Method Post -Uri "$(Get-SandboxUrl)/sandbox/faults" -Body $rule -ContentType 'application/json'
        Get-OktaEventHook -Connection $connection -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'OktaUnexpectedResponse,*'
        $failure[0].Exception.Message | Should -Match 'HTTP 307'
        $reached = Invoke-RestMethod "$($second.BaseUrl)/sandbox/requests"
        @($reached).Count | Should -Be 0
        @(Get-SandboxRequestLog | Where-Object status -eq 307).Count | Should -Be 1
    }

    It 'sends everything through -Proxy' {
        # The second sandbox stands in for a proxy: Kestrel answers absolute-form requests itself, so what reaches it is what the proxy got.
        Connect-OktaOrg -OrgUrl 'http://127.0.0.1:9' -ApiToken (ConvertTo-SecureString $second.ApiToken -AsPlainText -Force) -Proxy $second.BaseUrl
        { Get-OktaEventHook -ErrorAction Stop } | Should -Not -Throw
        $reached = Invoke-RestMethod "$($second.BaseUrl)/sandbox/requests"
        @($reached).Count | Should -Be 2   # the check of the token while connecting, and the list
        @($reached).path | Should -Be @('/api/v1/eventHooks', '/api/v1/eventHooks')
        Get-SandboxRequestLog | Should -BeNullOrEmpty
    }

    It 'never shows a secret in any stream, transcript, error or exported connection' {
        $key = New-TestKey RSA
        Register-TestClient -BaseUrl $second.BaseUrl -ClientId '0oaCanary' -Key $key -RequireDpop
        $keyBody = ($key.Pem -split "`n" | Where-Object { $_ -notmatch '-----' }) -join ''
        $markerSecret = 'CANARY-auth-header-value-51d2'
        $transcript = Join-Path ([IO.Path]::GetTempPath()) "oktaeh-canary-$([guid]::NewGuid().ToString('N')).txt"
        $null = Start-Transcript -LiteralPath $transcript
        try {
            $output = & {
                $ErrorActionPreference = 'Continue'    # the failures are part of the test
                # On a compiled cmdlet -Debug turns confirmations, errors and warnings into questions; -Confirm:$false,
                # -ErrorAction and -WarningAction answer them, since this runs without a host to ask.
                $c1 = Connect-OktaOrg -OrgUrl $second.BaseUrl -ApiToken (ConvertTo-SecureString $second.ApiToken -AsPlainText -Force) -PassThru -Verbose -Debug -ErrorAction Continue -WarningAction Continue
                $c2 = Connect-OktaOrg -OrgUrl $second.BaseUrl -ClientId '0oaCanary' -PrivateKey (ConvertTo-SecureString $key.Pem -AsPlainText -Force) -PassThru -Verbose -Debug -ErrorAction Continue -WarningAction Continue
                foreach ($c in $c1, $c2) {
                    $hook = New-OktaEventHook -Connection $c -Name 'canary' -Uri "$($second.BaseUrl)/receiver/ok/c" -EventType user.lifecycle.create -Verbose -Debug -ErrorAction Continue -WarningAction Continue -Confirm:$false `
                        -AuthHeaderValue (ConvertTo-SecureString $markerSecret -AsPlainText -Force)
                    Get-OktaEventHook -Connection $c -Verbose -Debug -ErrorAction Continue -WarningAction Continue
                    # The OAuth app lacks okta.logs.read: a 403 that ends the command, caught here.
                    try { Get-OktaEventHookLog -Connection $c -Verbose -Debug -ErrorAction Continue -WarningAction Continue } catch { $_ | Format-List * -Force | Out-String }
                    Set-OktaEventHook -Connection $c -Id $hook.Id -Name 'canary 2' -Verbose -Debug -ErrorAction Continue -WarningAction Continue -Confirm:$false          # refused: no secret
                    Set-OktaEventHook -Connection $c -Id $hook.Id -Name 'canary 2' -AuthHeaderValue (ConvertTo-SecureString $markerSecret -AsPlainText -Force) -WhatIf -Verbose -Debug -ErrorAction Continue -WarningAction Continue -Confirm:$false
                    Test-OktaEventHook -Connection $c -Id $hook.Id -Verbose -Debug -ErrorAction Continue -WarningAction Continue -Confirm:$false
                    Disable-OktaEventHook -Connection $c -Id $hook.Id -Verbose -Debug -ErrorAction Continue -WarningAction Continue -Confirm:$false
                    Enable-OktaEventHook -Connection $c -Id $hook.Id -Verbose -Debug -ErrorAction Continue -WarningAction Continue -Confirm:$false
                    New-OktaEventHook -Connection $c -Name 'bad' -Uri "$($second.BaseUrl)/receiver/ok/c" -EventType 'no.such.type' -AuthHeaderValue (ConvertTo-SecureString $markerSecret -AsPlainText -Force) -Verbose -Debug -ErrorAction Continue -WarningAction Continue -Confirm:$false   # 400
                    Get-OktaEventHook -Connection $c -Id whoMissing0000000000 -Verbose -Debug -ErrorAction Continue -WarningAction Continue   # 404
                    # A gateway that repeats the request's Authorization (and DPoP) headers in its 400 body.
                    $null = Invoke-RestMethod -Method Post -Uri "$($second.BaseUrl)/sandbox/faults" -Body (@{ mode = 'echo'; count = 1; method = 'GET' } | ConvertTo-Json) -ContentType 'application/json'
                    Get-OktaEventHook -Connection $c -Id whoEcho0000000000000 -Verbose -Debug -ErrorAction Continue -WarningAction Continue
                    Remove-OktaEventHook -Connection $c -Id $hook.Id -Force -Confirm:$false -Verbose -Debug -ErrorAction Continue -WarningAction Continue
                    $c | ConvertTo-Json -Depth 5
                    $c | Format-List * | Out-String
                }
                Register-TestClient -BaseUrl $second.BaseUrl -ClientId '0oaCanaryRead' -Key $key -Scopes 'okta.eventHooks.read'
                $reader = Connect-OktaOrg -OrgUrl $second.BaseUrl -ClientId '0oaCanaryRead' -PrivateKey (ConvertTo-SecureString $key.Pem -AsPlainText -Force) -Scope okta.eventHooks.read -PassThru -Verbose -Debug -ErrorAction Continue -WarningAction Continue
                New-OktaEventHook -Connection $reader -Name 'denied' -Uri "$($second.BaseUrl)/receiver/ok/c" -EventType user.lifecycle.create -Verbose -Debug -ErrorAction Continue -WarningAction Continue -Confirm:$false `
                    -AuthHeaderValue (ConvertTo-SecureString $markerSecret -AsPlainText -Force)    # 403
                # A refused token fails at connect (a terminating error, caught and shown); -SkipValidation connects it anyway.
                try { Connect-OktaOrg -OrgUrl $second.BaseUrl -ApiToken (ConvertTo-SecureString 'CANARY-wrong-token-0c1e' -AsPlainText -Force) -Verbose -Debug -ErrorAction Continue -WarningAction Continue } catch { $_ | Format-List * -Force | Out-String }
                $bad = Connect-OktaOrg -OrgUrl $second.BaseUrl -ApiToken (ConvertTo-SecureString 'CANARY-wrong-token-0c1e' -AsPlainText -Force) -SkipValidation -PassThru -Verbose -Debug -ErrorAction Continue -WarningAction Continue
                # A token with a line break, and credentials in the org URL: refused before anything is sent.
                try { Connect-OktaOrg -OrgUrl $second.BaseUrl -ApiToken (ConvertTo-SecureString "CANARY-crlf-token-77`r`nX-Evil: 1" -AsPlainText -Force) -Verbose -Debug -ErrorAction Continue -WarningAction Continue } catch { $_ | Format-List * -Force | Out-String }
                try { Connect-OktaOrg -OrgUrl ($second.BaseUrl -replace '^http://', 'http://canary:CANARY-url-pass-31@') -ApiToken (ConvertTo-SecureString $second.ApiToken -AsPlainText -Force) -Verbose -Debug -ErrorAction Continue -WarningAction Continue } catch { $_ | Format-List * -Force | Out-String }
                # A refused credential ends the command (a terminating error): caught here, shown like a prompt shows it.
                try { Get-OktaEventHook -Connection $bad -Verbose -Debug -ErrorAction Continue -WarningAction Continue } catch { $_ | Format-List * -Force | Out-String }   # 401
                $null = Invoke-RestMethod -Method Post -Uri "$($second.BaseUrl)/sandbox/oauth/clients/0oaCanary/revoke"
                try { Get-OktaEventHook -Connection $c2 -Verbose -Debug -ErrorAction Continue -WarningAction Continue } catch { $_ | Format-List * -Force | Out-String }     # 401 then invalid_client
            } *>&1 | Out-String
        }
        finally { $null = Stop-Transcript }
        $everything = $output + (Get-Content -LiteralPath $transcript -Raw) + ($Error | ForEach-Object { $_ | Format-List * -Force | Out-String; $_.Exception.ToString() } | Out-String)
        Remove-Item -LiteralPath $transcript
        $everything | Should -Match 'GET api/v1/eventHooks'      # the verbose stream was captured
        $everything | Should -Match 'E0000006'                   # the 403 happened
        $everything | Should -Match 'E0000011'                   # the 401 happened
        $everything | Should -Match 'E0000001'                   # the 400 happened
        $everything | Should -Match 'Received Authorization'     # the echoing gateway answered (its echo masked)
        $everything | Should -Match 'InvalidParameter.ApiToken'  # the CR/LF token was refused
        $everything | Should -Match 'InvalidParameter.OrgUrl'    # the URL with credentials was refused
        # No signed JWT (client assertion, DPoP proof): base64url JSON header '.' base64url JSON payload.
        $everything | Should -Not -Match 'eyJ[A-Za-z0-9_-]{8,}\.eyJ'
        foreach ($secret in $second.ApiToken, 'CANARY-wrong-token-0c1e', $markerSecret, $keyBody, 'CANARY-crlf-token-77', 'CANARY-url-pass-31') {
            $everything.Contains($secret) | Should -BeFalse -Because "'$($secret.Substring(0, [math]::Min(12, $secret.Length)))…' must not appear"
        }
    }
}
