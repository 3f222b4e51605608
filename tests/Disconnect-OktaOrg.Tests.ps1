BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
}
AfterAll { Stop-TestSandbox }

Describe 'Disconnect-OktaOrg' {
    It 'forgets the default connection, so cmdlets ask for one' {
        Connect-TestSandbox
        Disconnect-OktaOrg
        { Get-OktaEventHook -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,OktaEventHooks.Commands.GetOktaEventHookCommand'
    }

    It 'leaves a connection object passed with -Connection usable' {
        $connection = Connect-TestSandbox -PassThru
        Disconnect-OktaOrg
        { Get-OktaEventHook -Connection $connection -ErrorAction Stop } | Should -Not -Throw
    }

    It 'does not fail when there is no connection' {
        Disconnect-OktaOrg
        { Disconnect-OktaOrg -ErrorAction Stop } | Should -Not -Throw
    }
}
