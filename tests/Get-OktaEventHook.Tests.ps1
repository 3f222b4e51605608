BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
}
AfterAll { Stop-TestSandbox }

Describe 'Get-OktaEventHook' {
    BeforeEach {
        Reset-TestSandbox
        Connect-TestSandbox
        $hr = New-TestHook -Name 'HR offboarding' -EventType user.lifecycle.deactivate, user.lifecycle.suspend -Header @{ 'X-Tenant' = 'emea' }
        $null = New-TestHook -Name 'HR onboarding'
        $null = New-TestHook -Name 'Audit'
        Clear-SandboxRequestLog
    }

    It 'lists every hook as typed EventHook objects in one request' {
        $hooks = Get-OktaEventHook
        $hooks.Count | Should -Be 3
        $hooks | ForEach-Object { $_ | Should -BeOfType ([OktaEventHooks.EventHook]) }
        (Get-SandboxRequestLog).Count | Should -Be 1
    }

    It 'fills Okta''s fields and the flat conveniences' {
        $hook = Get-OktaEventHook -Id $hr.Id
        $hook.Id | Should -Match '^who[A-Za-z0-9]{17}$'
        $hook.Status | Should -Be 'ACTIVE'
        $hook.VerificationStatus | Should -Be 'UNVERIFIED'
        $hook.EventTypes | Should -Be @('user.lifecycle.deactivate', 'user.lifecycle.suspend')
        $hook.Uri | Should -Be (Get-ReceiverUri ok 'HR offboarding')
        $hook.Headers['X-Tenant'] | Should -Be 'emea'
        $hook.Created | Should -BeOfType ([datetime])
        $hook.Created.Kind | Should -Be 'Local'
    }

    It 'filters by -Name with wildcards, case-insensitively' {
        (Get-OktaEventHook -Name 'hr*').Name | Sort-Object | Should -Be @('HR offboarding', 'HR onboarding')
        (Get-OktaEventHook -Name 'audit').Name | Should -Be 'Audit'
    }

    It 'writes nothing and no error for a wildcard that matches nothing' {
        Get-OktaEventHook -Name 'zzz*' -ErrorVariable failure | Should -BeNullOrEmpty
        $failure | Should -BeNullOrEmpty
    }

    It 'writes an ObjectNotFound error for a plain name that matches nothing' {
        Get-OktaEventHook -Name 'nope' -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -Be 'EventHookNameNotFound,OktaEventHooks.Commands.GetOktaEventHookCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'maps a 404 to E0000007, ObjectNotFound, with the id as target and Okta''s request id in the message' {
        Get-OktaEventHook -Id 'whoZZZZZZZZZZZZZZZZZ' -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure.Count | Should -Be 1
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'E0000007,OktaEventHooks.Commands.GetOktaEventHookCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failure[0].TargetObject | Should -Be 'whoZZZZZZZZZZZZZZZZZ'
        $failure[0].Exception.Message | Should -Match 'Not found'
        $failure[0].Exception.Message | Should -Match ([regex]::Escape((Get-SandboxRequestLog)[-1].requestId))
    }

    It 'keeps going after a failed id (non-terminating per item)' {
        $found = Get-OktaEventHook -Id 'whoZZZZZZZZZZZZZZZZZ', $hr.Id -ErrorAction SilentlyContinue -ErrorVariable failure
        $found.Id | Should -Be $hr.Id
        $failure.Count | Should -Be 1
    }

    It 'takes an unnamed value as an id' {
        (Get-OktaEventHook $hr.Id).Name | Should -Be 'HR offboarding'
    }

    It 'takes ids from the pipeline, by value and by property name' {
        ($hr.Id | Get-OktaEventHook).Name | Should -Be 'HR offboarding'
        ([pscustomobject]@{ EventHookId = $hr.Id } | Get-OktaEventHook).Name | Should -Be 'HR offboarding'
    }

    It 'shows no secret in Format-List *' {
        $secretHook = New-TestHook -Name 'With secret' -Secret 'CANARY-get-secret-1234'
        $text = Get-OktaEventHook -Id $secretHook.Id | Format-List * | Out-String
        $text | Should -Not -Match 'CANARY-get-secret-1234'
        $text | Should -Match 'AuthHeaderName\s*:\s*Authorization'
    }

    It 'shows Name, Status, Verification, event count and Uri in the default table' {
        $table = Get-OktaEventHook -Name 'HR offboarding' | Out-String
        $table | Should -Match 'Name\s+Status\s+Verification\s+Events\s+Uri'
        $table | Should -Match 'HR offboarding\s+ACTIVE\s+UNVERIFIED\s+2\s+http'
    }
}
