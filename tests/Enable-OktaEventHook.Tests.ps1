BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
}
AfterAll { Stop-TestSandbox }

Describe 'Enable-OktaEventHook' {
    BeforeEach {
        Reset-TestSandbox
        Connect-TestSandbox
        $one = New-TestHook -Name 'x-one' | Disable-OktaEventHook -PassThru
        $two = New-TestHook -Name 'x-two' | Disable-OktaEventHook -PassThru
        $other = New-TestHook -Name 'other' | Disable-OktaEventHook -PassThru
        Clear-SandboxRequestLog
    }

    It 'activates the piped hooks with one request each' {
        Get-OktaEventHook -Name 'x*' | Enable-OktaEventHook
        (Get-OktaEventHook -Id $one.Id, $two.Id).Status | Should -Be @('ACTIVE', 'ACTIVE')
        (Get-OktaEventHook -Id $other.Id).Status | Should -Be 'INACTIVE'
        (Get-SandboxWriteRequest).path | Should -Be @("/api/v1/eventHooks/$($one.Id)/lifecycle/activate", "/api/v1/eventHooks/$($two.Id)/lifecycle/activate")
    }

    It 'returns the hook with -PassThru and nothing without it' {
        Enable-OktaEventHook -Id $one.Id | Should -BeNullOrEmpty
        (Enable-OktaEventHook -Id $two.Id -PassThru).Status | Should -Be 'ACTIVE'
    }

    It 'sends no request with -WhatIf' {
        Get-OktaEventHook -Name 'x*' | Enable-OktaEventHook -WhatIf
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
    }

    It 'takes ids piped as strings' {
        $one.Id, $two.Id | Enable-OktaEventHook
        (Get-OktaEventHook -Id $one.Id, $two.Id).Status | Should -Be @('ACTIVE', 'ACTIVE')
    }

    It 'binds -Id by property name (EventHookId)' {
        [pscustomobject]@{ EventHookId = $one.Id } | Enable-OktaEventHook
        (Get-OktaEventHook -Id $one.Id).Status | Should -Be 'ACTIVE'
    }

    It 'writes E0000007 for an unknown id and carries on' {
        Enable-OktaEventHook -Id 'whoZZZZZZZZZZZZZZZZZ', $one.Id -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -Be 'E0000007,OktaEventHooks.Commands.EnableOktaEventHookCommand'
        (Get-OktaEventHook -Id $one.Id).Status | Should -Be 'ACTIVE'
    }
}
