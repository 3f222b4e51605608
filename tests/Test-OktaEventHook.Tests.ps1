BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
}
AfterAll { Stop-TestSandbox }

Describe 'Test-OktaEventHook' {
    BeforeEach {
        Reset-TestSandbox
        Connect-TestSandbox
    }

    It 'turns a hook pointing at a correct receiver VERIFIED, after Okta''s challenge reached it' {
        $hook = New-TestHook -Name 'good' -Secret 'Bearer verify-secret'
        $verified = Test-OktaEventHook -Id $hook.Id
        $verified.VerificationStatus | Should -Be 'VERIFIED'
        $challenge = Get-ReceiverRequestLog | Where-Object method -eq 'GET'
        $challenge.Count | Should -Be 1
        $challenge[0].headers.'X-Okta-Verification-Challenge' | Should -Not -BeNullOrEmpty
        (Get-OktaEventHook -Id $hook.Id).VerificationStatus | Should -Be 'VERIFIED'
    }

    It 'fails with Okta''s reasons when the receiver answers <Behaviour>' -TestCases @(
        @{ Behaviour = 'wrong'; Reason = 'Unable to verify event hook\. Hook .+ execution failed' }
        @{ Behaviour = 'nofield'; Reason = 'Unable to verify event hook\. Hook .+ execution failed' }
        @{ Behaviour = 'status/500'; Reason = 'Unable to verify event hook\. Hook .+ execution failed' }
    ) {
        $hook = New-TestHook -Uri (Get-ReceiverUri $Behaviour 'bad')
        $result = Test-OktaEventHook -Id $hook.Id -ErrorAction SilentlyContinue -ErrorVariable failure
        $result | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'E0000001,OktaEventHooks.Commands.TestOktaEventHookCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure[0].TargetObject | Should -Be $hook.Id
        $failure[0].Exception.Message | Should -Match $Reason
        (Get-OktaEventHook -Id $hook.Id).VerificationStatus | Should -Be 'UNVERIFIED'
    }

    It 'returns $true or $false with -Quiet' {
        $good = New-TestHook -Name 'good'
        $bad = New-TestHook -Name 'bad' -Uri (Get-ReceiverUri wrong 'bad')
        Test-OktaEventHook -Id $good.Id -Quiet | Should -BeTrue
        Test-OktaEventHook -Id $bad.Id -Quiet -ErrorVariable failure | Should -BeFalse
        $failure | Should -BeNullOrEmpty
    }

    It 'verifies every piped hook' {
        $null = New-TestHook -Name 'a'; $null = New-TestHook -Name 'b'
        (Get-OktaEventHook | Test-OktaEventHook).VerificationStatus | Should -Be @('VERIFIED', 'VERIFIED')
    }

    It 'sends no request with -WhatIf' {
        $hook = New-TestHook
        Clear-SandboxRequestLog
        Test-OktaEventHook -Id $hook.Id -WhatIf
        Get-SandboxRequestLog | Should -BeNullOrEmpty
        Get-ReceiverRequestLog | Should -BeNullOrEmpty
    }
}
