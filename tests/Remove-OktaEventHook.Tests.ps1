BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
}
AfterAll { Stop-TestSandbox }

Describe 'Remove-OktaEventHook' {
    BeforeEach {
        Reset-TestSandbox
        Connect-TestSandbox
        $active = New-TestHook -Name 'active'
        $inactive = New-TestHook -Name 'inactive' | Disable-OktaEventHook -PassThru
        Clear-SandboxRequestLog
    }

    It 'refuses to delete an ACTIVE hook without -Force, with a recommended action, and deletes nothing' {
        Remove-OktaEventHook -Id $active.Id -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -Be 'EventHookIsActive,OktaEventHooks.Commands.RemoveOktaEventHookCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $failure[0].TargetObject | Should -Be $active.Id
        $failure[0].ErrorDetails.RecommendedAction | Should -Match '-Force'
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
        (Get-OktaEventHook -Id $active.Id).Status | Should -Be 'ACTIVE'
    }

    It 'deactivates then deletes an ACTIVE hook with -Force' {
        Remove-OktaEventHook -Id $active.Id -Force -Confirm:$false
        (Get-SandboxWriteRequest).method | Should -Be @('POST', 'DELETE')
        Get-OktaEventHook -Id $active.Id -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'deletes an INACTIVE hook' {
        Remove-OktaEventHook -Id $inactive.Id -Confirm:$false
        (Get-OktaEventHook).Id | Should -Be @($active.Id)
    }

    It 'sends no write with -WhatIf, even with -Force' {
        Remove-OktaEventHook -Id $active.Id, $inactive.Id -Force -WhatIf
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
        (Get-OktaEventHook).Count | Should -Be 2
    }

    It 'removes piped hooks' {
        Get-OktaEventHook | Remove-OktaEventHook -Force -Confirm:$false
        Get-OktaEventHook | Should -BeNullOrEmpty
    }

    It 'asks for confirmation by default (ConfirmImpact High)' {
        (Get-Command Remove-OktaEventHook).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact |
            Should -Be 'High'
    }

    It 'maps an unknown id to E0000007 and deletes nothing' {
        Remove-OktaEventHook -Id 'whoZZZZZZZZZZZZZZZZZ' -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -Be 'E0000007,OktaEventHooks.Commands.RemoveOktaEventHookCommand'
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
    }
}
