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

    It 'makes no request while connecting' {
        Connect-TestSandbox
        Get-SandboxRequestLog | Should -BeNullOrEmpty
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
        Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (ConvertTo-SecureString 'not-the-token' -AsPlainText -Force)
        $failure = Get-TerminatingError { Get-OktaEventHook }
        $failure.FullyQualifiedErrorId | Should -Be 'E0000011,OktaEventHooks.Commands.GetOktaEventHookCommand'
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
