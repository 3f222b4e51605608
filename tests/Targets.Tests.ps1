# Naming the hooks a command acts on: an id, a name where an id goes, and values that are not ids.

BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
}
AfterAll { Stop-TestSandbox }

Describe 'A name where an id goes' {
    BeforeAll {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:siem = New-TestHook -Name 'SIEM feed'
        $script:hrOff = New-TestHook -Name 'HR offboarding'
        $script:hrOn = New-TestHook -Name 'HR onboarding'
    }
    BeforeEach { Clear-SandboxRequestLog }

    It 'takes a positional wildcard as a name, and never asks Okta for an id like HR*' {
        (Get-OktaEventHook HR*).Name | Sort-Object | Should -Be @('HR offboarding', 'HR onboarding')
        (Get-SandboxRequestLog).path | Should -Not -Match 'HR'
    }

    It 'takes a positional or piped name with a space' {
        (Get-OktaEventHook 'SIEM feed').Id | Should -Be $siem.Id
        ('SIEM feed' | Get-OktaEventHook).Id | Should -Be $siem.Id
    }

    It 'still takes an id, positionally and from the pipeline' {
        (Get-OktaEventHook $siem.Id).Name | Should -Be 'SIEM feed'
        ($hrOn.Id | Get-OktaEventHook).Name | Should -Be 'HR onboarding'
        (Get-SandboxRequestLog).path | Should -Contain "/api/v1/eventHooks/$($siem.Id)"
    }

    It 'says which name matched nothing' {
        $found = Get-OktaEventHook 'No such hook' -ErrorVariable failed -ErrorAction SilentlyContinue
        $found | Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'EventHookNameNotFound,*'
        $failed[0].Exception.Message | Should -Match "'No such hook'"
    }

    It 'lets Disable, Enable, Set, Test, Export and Remove take an exact name' {
        Disable-OktaEventHook 'SIEM feed' -Confirm:$false
        (Get-SandboxStoredHook $siem.Id).status | Should -Be 'INACTIVE'
        Enable-OktaEventHook 'SIEM feed' -Confirm:$false
        (Get-SandboxStoredHook $siem.Id).status | Should -Be 'ACTIVE'
        Set-OktaEventHook 'SIEM feed' -Description 'by name' -Confirm:$false
        (Get-SandboxStoredHook $siem.Id).description | Should -Be 'by name'
        (Test-OktaEventHook 'SIEM feed' -Confirm:$false).VerificationStatus | Should -Be 'VERIFIED'
        $path = Join-Path $TestDrive 'siem.json'
        Export-OktaEventHook -Path $path -Id 'SIEM feed'
        (Get-Content -LiteralPath $path -Raw | ConvertFrom-Json).eventHooks.name | Should -Be 'SIEM feed'
        Remove-OktaEventHook 'HR onboarding' -Force -Confirm:$false
        (Get-OktaEventHook).Name | Should -Not -Contain 'HR onboarding'
    }

    It 'refuses a wildcard in a command that changes hooks, pointing to Get-OktaEventHook -Name, and sends no write' {
        Disable-OktaEventHook 'HR*' -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'EventHookIdExpected,*'
        $failed[0].ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape("Get-OktaEventHook -Name 'HR*' | Disable-OktaEventHook"))
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
    }
}

Describe 'Ids that are not ids' {
    BeforeEach { Reset-TestSandbox; Connect-TestSandbox; Clear-SandboxRequestLog }

    It 'never sends <Id> as a path segment' -TestCases @(@{ Id = '.' }, @{ Id = '..' }, @{ Id = '../lifecycle' }) {
        Disable-OktaEventHook -Id $Id -Confirm:$false -ErrorAction SilentlyContinue
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
        (Get-SandboxRequestLog).path | Where-Object { $_ -ne '/api/v1/eventHooks' } | Should -BeNullOrEmpty
    }

    It 'refuses a 100,000-character id at the parameter' {
        { Disable-OktaEventHook -Id ('a' * 100000) -Confirm:$false } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        Get-SandboxRequestLog | Should -BeNullOrEmpty
    }

    It 'refuses a blank id per pipeline item without stopping the others' {
        $hook = New-TestHook -Name 'Survivor'
        $out = ' ', $hook.Id | Get-OktaEventHook -ErrorAction SilentlyContinue -ErrorVariable failure
        $out.Id | Should -Be $hook.Id
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
    }
}
