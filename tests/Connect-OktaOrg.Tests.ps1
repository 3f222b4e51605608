BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
}
AfterAll { Stop-TestSandbox }

Describe 'Connect-OktaOrg' {
    BeforeEach { Reset-TestSandbox }

    It 'connects with an API token and sends it as SSWS' {
        $connection = Connect-TestSandbox -PassThru
        $connection | Should -BeOfType ([OktaEventHooks.OktaConnection])
        $connection.AuthMode | Should -Be 'SSWS'
        Clear-SandboxRequestLog
        $null = Get-OktaEventHook
        $log = Get-SandboxRequestLog
        $log.Count | Should -Be 1
        $log[0].authorizationScheme | Should -Be 'SSWS'
        $log[0].status | Should -Be 200
    }

    It 'sends a User-Agent naming the module and its version' {
        Connect-TestSandbox
        $null = Get-OktaEventHook
        (Get-SandboxRequestLog)[0].userAgent | Should -BeLike "OktaEventHooks/$((Get-Module OktaEventHooks).Version.ToString(3)) *"
    }

    It 'connects with a PSCredential whose password is the API token (Azure Automation credential assets)' {
        $credential = [pscredential]::new('automation', (Get-SandboxToken))
        Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -Credential $credential
        { Get-OktaEventHook -ErrorAction Stop } | Should -Not -Throw
    }

    It 'checks the credential with one read of the event hook list while connecting' {
        Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (Get-SandboxToken) -InformationAction Ignore
        $log = Get-SandboxRequestLog
        $log.Count | Should -Be 1
        "$($log[0].method) $($log[0].path)" | Should -Be 'GET /api/v1/eventHooks'
    }

    It 'refuses plain http to a host that is not loopback, naming -OrgUrl' {
        { Connect-OktaOrg -OrgUrl 'http://contoso.okta.com' -ApiToken (Get-SandboxToken) } |
            Should -Throw -ErrorId 'InvalidParameter.OrgUrl,OktaEventHooks.Commands.ConnectOktaOrgCommand' -ExpectedMessage '*-OrgUrl*https://*'
    }

    It 'refuses the Admin Console address' {
        { Connect-OktaOrg -OrgUrl 'https://contoso-admin.okta.com' -ApiToken (Get-SandboxToken) } |
            Should -Throw -ExpectedMessage "*-admin*"
    }

    It 'refuses an empty token, naming -ApiToken' {
        { Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken ([securestring]::new()) } |
            Should -Throw -ErrorId 'InvalidParameter.ApiToken,*'
    }

    It 'reports a wrong token as an AuthenticationError carrying Okta''s E0000011' {
        $failure = Get-TerminatingError { Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (ConvertTo-SecureString 'not-the-token' -AsPlainText -Force) }
        $failure.FullyQualifiedErrorId | Should -Be 'E0000011,OktaEventHooks.Commands.ConnectOktaOrgCommand'
        $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failure.ErrorDetails.RecommendedAction | Should -Match 'API token'
    }

    It 'never shows the API token in any stream, even with -Verbose -Debug and failures' {
        $token = $env:OKTAEH_SANDBOX_TOKEN
        $output = & {
            Connect-TestSandbox -PassThru -Verbose
            Get-OktaEventHook -Verbose -Debug
            $hook = New-TestHook -Verbose
            Get-OktaEventHook -Id whoMissing0000000000 -Verbose -Debug -ErrorAction Continue
            Remove-OktaEventHook -Id $hook.Id -Confirm:$false -Verbose -Debug -ErrorAction Continue
            Get-OktaConnection | ConvertTo-Json -Depth 5
            Get-OktaConnection | Format-List * | Out-String
        } *>&1 | Out-String
        $output | Should -Not -BeNullOrEmpty
        $output | Should -Match 'GET api/v1/eventHooks'   # the verbose stream was captured
        $output.Contains($token) | Should -BeFalse
        ($Error | Out-String).Contains($token) | Should -BeFalse
    }
}

Describe 'Connect-OktaOrg checks the credential before it becomes the default' {
    BeforeEach { Reset-TestSandbox; Disconnect-OktaOrg }

    It 'fails at connect on a refused token (401) and keeps the previous default connection' {
        $good = Connect-TestSandbox -PassThru
        $failure = Get-TerminatingError { Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (ConvertTo-SecureString 'not-the-token' -AsPlainText -Force) -PassThru }
        $failure.FullyQualifiedErrorId | Should -Be 'E0000011,OktaEventHooks.Commands.ConnectOktaOrgCommand'
        $failure.Exception.Message | Should -Match ([regex]::Escape(([uri](Get-SandboxUrl)).Authority))
        Get-OktaConnection | Should -Be $good
    }

    It 'fails at connect when the org cannot be reached, naming the org, and sets no connection' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $failure = Get-TerminatingError { Connect-OktaOrg -OrgUrl "http://127.0.0.1:$port" -ApiToken (ConvertTo-SecureString 'any-token' -AsPlainText -Force) -MaxRetries 0 }
        $failure.FullyQualifiedErrorId | Should -Be 'OktaConnectionFailed,OktaEventHooks.Commands.ConnectOktaOrgCommand'
        $failure.Exception.Message | Should -Match "127\.0\.0\.1:$port"
        Get-OktaConnection -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'fails a runbook that connects from environment variables with a wrong token at connect' {
        $saved = @{ url = $env:OKTA_CLIENT_ORGURL; token = $env:OKTA_CLIENT_TOKEN; mode = $env:OKTA_CLIENT_AUTHORIZATIONMODE }
        try {
            $env:OKTA_CLIENT_ORGURL = Get-SandboxUrl
            $env:OKTA_CLIENT_TOKEN = 'expired-token-from-the-vault'
            $env:OKTA_CLIENT_AUTHORIZATIONMODE = $null
            { Connect-OktaOrg -FromEnvironment -ErrorAction Stop } | Should -Throw -ErrorId 'E0000011,OktaEventHooks.Commands.ConnectOktaOrgCommand'
        }
        finally { $env:OKTA_CLIENT_ORGURL = $saved.url; $env:OKTA_CLIENT_TOKEN = $saved.token; $env:OKTA_CLIENT_AUTHORIZATIONMODE = $saved.mode }
    }

    It 'says which org and which identity it connected with, on the information stream only' {
        $output = Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (Get-SandboxToken) 6>&1
        $said = @($output | Where-Object { $_ -is [System.Management.Automation.InformationRecord] })
        @($output | Where-Object { $_ -isnot [System.Management.Automation.InformationRecord] }) | Should -BeNullOrEmpty
        $said.Count | Should -Be 1
        "$($said[0].MessageData)" | Should -Match "^Connected to $([regex]::Escape(([uri](Get-SandboxUrl)).Authority)) with an API token \(SSWS\)"
        "$($said[0].MessageData)" | Should -Not -Match ([regex]::Escape($env:OKTAEH_SANDBOX_TOKEN))
        # A script that ignores the output gets nothing in its variables.
        $assigned = Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (Get-SandboxToken) 6>$null
        $assigned | Should -BeNullOrEmpty
    }

    It 'connects offline with -SkipValidation, sending nothing' {
        $connection = Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (ConvertTo-SecureString 'not-checked' -AsPlainText -Force) -SkipValidation -PassThru
        Get-SandboxRequestLog | Should -BeNullOrEmpty
        Get-OktaConnection | Should -Be $connection
    }

    It 'takes an org URL without a scheme as https:// (-OrgUrl contoso.okta.com)' {
        $connection = Connect-OktaOrg -OrgUrl 'contoso.okta.com' -ApiToken (ConvertTo-SecureString 'not-checked' -AsPlainText -Force) -SkipValidation -PassThru
        "$($connection.OrgUrl)" | Should -Be 'https://contoso.okta.com/'
    }
}
