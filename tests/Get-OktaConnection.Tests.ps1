BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
}
AfterAll { Stop-TestSandbox }

Describe 'Get-OktaConnection' {
    It 'returns the session''s connection with the org and auth mode' {
        Connect-TestSandbox
        $connection = Get-OktaConnection
        $connection | Should -BeOfType ([OktaEventHooks.OktaConnection])
        $connection.OrgUrl.ToString().TrimEnd('/') | Should -Be (Get-SandboxUrl)
        $connection.AuthMode | Should -Be 'SSWS'
        $connection.TimeoutSec | Should -Be 30
    }

    It 'shows the rate-limit headroom Okta last reported' {
        # -SkipValidation: no request while connecting, so the first headroom is the one Get-OktaEventHook reads.
        $connection = Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (Get-SandboxToken) -SkipValidation -PassThru -InformationAction Ignore
        $connection.RateLimit | Should -BeNullOrEmpty
        $null = Get-OktaEventHook
        $connection.RateLimit.Limit | Should -BeGreaterThan 0
        $connection.RateLimit.Remaining | Should -BeLessThan $connection.RateLimit.Limit
        $connection.RateLimit.ResetsAt | Should -BeGreaterThan (Get-Date).AddSeconds(-1)
    }

    It 'exposes no secret: ConvertTo-Json shows only public facts' {
        Connect-TestSandbox
        $json = Get-OktaConnection | ConvertTo-Json -Depth 5
        $json.Contains($env:OKTAEH_SANDBOX_TOKEN) | Should -BeFalse
        ($json | ConvertFrom-Json).PSObject.Properties.Name | Sort-Object |
            Should -Be @('AuthMode', 'ClientId', 'ConnectedAt', 'MaxApiCapacity', 'MaxRetries', 'OrgUrl', 'RateLimit', 'Scopes', 'TimeoutSec', 'TokenExpiresAt')
    }

    It 'is an ObjectNotFound error when not connected' {
        Disconnect-OktaOrg
        Get-OktaConnection -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -Be 'NotConnected,OktaEventHooks.Commands.GetOktaConnectionCommand'
    }
}
