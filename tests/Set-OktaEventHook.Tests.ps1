BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
    function Secret([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }
}
AfterAll { Stop-TestSandbox }

Describe 'Set-OktaEventHook' {
    BeforeEach {
        Reset-TestSandbox
        Connect-TestSandbox
        $hook = New-TestHook -Name 'HR sync' -EventType user.lifecycle.deactivate, group.user_membership.add -Secret 'Basic old-secret' `
            -Header @{ 'X-Tenant' = 'emea' } -Filter @{ 'group.user_membership.add' = "event.target.?[displayName eq 'HR'].size() > 0" }
        $plain = New-TestHook -Name 'Plain'
        Clear-SandboxRequestLog
    }

    It 'with -PassThru shows the hook as Okta now has it, though Okta''s answer to the update carries the old lastUpdated' {
        # Like real Okta (recorded), the sandbox answers a PUT that keeps the status with the previous lastUpdated (and
        # moves lastUpdated by at least a second per change, as its whole seconds require).
        $updated = Set-OktaEventHook -Id $plain.Id -Description 'fresh' -PassThru
        $now = Get-OktaEventHook -Id $plain.Id
        $updated.LastUpdated | Should -Be $now.LastUpdated
        $updated.LastUpdated | Should -BeGreaterThan $plain.LastUpdated
        $updated.Description | Should -Be 'fresh'
        @(Get-SandboxRequestLog | Where-Object method -eq 'GET').Count | Should -Be 3   # read, write, read again, read by the test
    }

    It 'refuses to write a hook with an auth header when no secret was given, and sends no write' {
        Set-OktaEventHook -Id $hook.Id -Name 'Renamed' -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -Be 'AuthHeaderValueRequired,OktaEventHooks.Commands.SetOktaEventHookCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $failure[0].TargetObject | Should -Be $hook.Id
        $failure[0].ErrorDetails.RecommendedAction | Should -Match '-AuthHeaderValue'
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
        (Get-OktaEventHook -Id $hook.Id).Name | Should -Be 'HR sync'
    }

    It 'with -AuthHeaderValue changes only what was named and the secret reaches Okta' {
        $updated = Set-OktaEventHook -Id $hook.Id -Name 'Renamed' -AuthHeaderValue (Secret 'Basic new-secret') -PassThru
        $updated.Name | Should -Be 'Renamed'
        $updated.EventTypes | Should -Be @('user.lifecycle.deactivate', 'group.user_membership.add')
        $updated.Headers['X-Tenant'] | Should -Be 'emea'
        $updated.Filter['group.user_membership.add'] | Should -Match 'HR'
        $updated.Uri | Should -Be $hook.Uri
        $stored = Get-SandboxStoredHook $hook.Id
        $stored.channel.config.authScheme.value | Should -Be 'Basic new-secret'
        (Get-SandboxWriteRequest).method | Should -Be 'PUT'
    }

    It 'keeps the description when another field changes' {
        $described = New-OktaEventHook -Name 'Described' -Uri (Get-ReceiverUri) -EventType user.lifecycle.create -Description 'keep me'
        (Set-OktaEventHook -Id $described.Id -Name 'Described 2' -PassThru).Description | Should -Be 'keep me'
    }

    It 'removes the auth header with -RemoveAuthHeader' {
        $updated = Set-OktaEventHook -Id $hook.Id -RemoveAuthHeader -PassThru
        $updated.HasAuthHeader | Should -BeFalse
        (Get-SandboxStoredHook $hook.Id).channel.config.authScheme | Should -BeNullOrEmpty
    }

    It 'adds and removes event types, dropping the filter of a removed type' {
        $updated = Set-OktaEventHook -Id $hook.Id -AddEventType user.session.start -RemoveEventType group.user_membership.add -AuthHeaderValue (Secret 'x') -PassThru
        $updated.EventTypes | Sort-Object | Should -Be @('user.lifecycle.deactivate', 'user.session.start')
        $updated.Filter.Count | Should -Be 0
    }

    It 'refuses to remove the last event type, naming -RemoveEventType' {
        Set-OktaEventHook -Id $plain.Id -RemoveEventType user.lifecycle.create -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.RemoveEventType,*'
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
    }

    It 'refuses -EventType together with -AddEventType' {
        { Set-OktaEventHook -Id $plain.Id -EventType a.b -AddEventType c.d } | Should -Throw -ErrorId 'InvalidParameter.EventType,*'
    }

    It 'warns that a new -Uri makes the hook UNVERIFIED' {
        $null = Test-OktaEventHook -Id $plain.Id
        $updated = Set-OktaEventHook -Id $plain.Id -Uri (Get-ReceiverUri ok 'moved') -PassThru -WarningVariable warned -WarningAction SilentlyContinue
        $updated.VerificationStatus | Should -Be 'UNVERIFIED'
        $warned | Should -Match 'UNVERIFIED'
    }

    It 'with -WhatIf sends only the read and says what would change' {
        $text = Get-HostText { Set-OktaEventHook -Id $hook.Id -Uri 'https://hooks.example.com/new' -AddEventType user.session.start -AuthHeaderValue (Secret 'Basic whatif-secret') -WhatIf }
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
        (Get-SandboxRequestLog).method | Should -Be 'GET'
        $text | Should -Match 'Uri: .* -> https://hooks.example.com/new'
        $text | Should -Match '\+user\.session\.start'
        $text | Should -Match 'AuthHeader: Authorization value replaced \(\*\*\*\)'
        $text | Should -Not -Match 'whatif-secret'
    }

    It 'sends nothing when nothing would change' {
        Set-OktaEventHook -Id $plain.Id -Name 'Plain' -WarningVariable warned -WarningAction SilentlyContinue
        $warned | Should -Match 'Nothing to change'
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
    }

    It 'takes ids from the pipeline' {
        Get-OktaEventHook -Name 'Plain' | Set-OktaEventHook -Description 'piped'
        (Get-OktaEventHook -Id $plain.Id).Description | Should -Be 'piped'
    }

    It 'maps an unknown id to E0000007' {
        Set-OktaEventHook -Id 'whoZZZZZZZZZZZZZZZZZ' -Name 'x' -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -Be 'E0000007,OktaEventHooks.Commands.SetOktaEventHookCommand'
    }
}

Describe 'Set and filters of removed event types' {
    BeforeEach { Reset-TestSandbox; Connect-TestSandbox }

    It 'warns when removing an event type drops its filter' {
        $hook = New-TestHook -Name 'Filtered' -EventType user.lifecycle.create, group.user_membership.add -Filter @{ 'group.user_membership.add' = "event.target.?[type eq 'UserGroup'].size() > 0" }
        Set-OktaEventHook -Id $hook.Id -RemoveEventType group.user_membership.add -Confirm:$false -WarningVariable warned -WarningAction SilentlyContinue
        ($warned -join ' ') | Should -Match 'filter of group.user_membership.add is dropped'
        (Get-OktaEventHook -Id $hook.Id).Filter.Count | Should -Be 0
    }

    It 'says so when -RemoveEventType names a type the hook does not have' {
        $hook = New-TestHook -Name 'Plain'
        Set-OktaEventHook -Id $hook.Id -RemoveEventType user.session.start -WarningVariable warned -WarningAction SilentlyContinue
        ($warned -join ' ') | Should -Match "does not subscribe 'user.session.start'"
    }
}

Describe 'Set-OktaEventHook: what a failed update left' {
    BeforeEach { Reset-TestSandbox; Connect-TestSandbox }

    It 'says an update Okta refused with a 4xx changed nothing, without doubt' {
        $hook = New-TestHook -Name 'Kept as it was'
        Set-OktaEventHook -Id $hook.Id -AddEventType 'not.a.real.type' -ErrorAction SilentlyContinue -ErrorVariable failure -WarningAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'E0000001,*'
        $failure[0].Exception.Message | Should -Not -Match 'may or may not'
        $failure[0].Exception.Message | Should -Match 'Okta refused the update of Kept as it was \(who\w+\)\S*: nothing was changed\.'
        (Get-OktaEventHook -Id $hook.Id).EventTypes | Should -Be @('user.lifecycle.create')
    }

    It 'keeps the in-doubt wording when the answer to the update is lost' {
        $hook = New-TestHook -Name 'Lost answer'
        Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (Get-SandboxToken) -MaxRetries 0
        Add-SandboxFault @{ mode = 'status'; status = 502; count = 1; method = 'PUT'; when = 'after' }
        Set-OktaEventHook -Id $hook.Id -Description 'new' -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].Exception.Message | Should -Match 'may or may not have been applied'
    }
}
