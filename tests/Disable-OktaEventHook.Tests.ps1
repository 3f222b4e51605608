BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
}
AfterAll { Stop-TestSandbox }

Describe 'Disable-OktaEventHook' {
    BeforeEach {
        Reset-TestSandbox
        Connect-TestSandbox
        $one = New-TestHook -Name 'x-one'
        $two = New-TestHook -Name 'x-two'
        $other = New-TestHook -Name 'other'
        Clear-SandboxRequestLog
    }

    It 'deactivates exactly the hooks piped from Get-OktaEventHook -Name' {
        Get-OktaEventHook -Name 'x*' | Disable-OktaEventHook
        (Get-OktaEventHook -Id $one.Id, $two.Id).Status | Should -Be @('INACTIVE', 'INACTIVE')
        (Get-OktaEventHook -Id $other.Id).Status | Should -Be 'ACTIVE'
    }

    It 'keeps the verification status' {
        $null = Test-OktaEventHook -Id $one.Id
        (Disable-OktaEventHook -Id $one.Id -PassThru).VerificationStatus | Should -Be 'VERIFIED'
    }

    It 'names the hook in the -WhatIf message and sends no request' {
        $text = Get-HostText { Get-OktaEventHook -Name 'x-one' | Disable-OktaEventHook -WhatIf }
        $text | Should -Match ([regex]::Escape("x-one ($($one.Id))"))
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
    }

    It 'fails without a connection' {
        Disconnect-OktaOrg
        { Disable-OktaEventHook -Id $one.Id -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,*'
    }

    It 'uses the org given with -Connection' {
        $connection = Connect-TestSandbox -PassThru
        Disconnect-OktaOrg
        Disable-OktaEventHook -Id $one.Id -Connection $connection
        (Get-OktaEventHook -Id $one.Id -Connection $connection).Status | Should -Be 'INACTIVE'
    }
}
