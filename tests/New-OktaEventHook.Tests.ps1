BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
    function Secret([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }
}
AfterAll { Stop-TestSandbox }

Describe 'New-OktaEventHook' {
    BeforeEach {
        Reset-TestSandbox
        Connect-TestSandbox
        $uri = Get-ReceiverUri ok new
    }

    It 'creates an ACTIVE, UNVERIFIED hook and returns it typed' {
        $hook = New-OktaEventHook -Name 'New one' -Uri $uri -EventType user.lifecycle.create, user.session.start -Description 'd'
        $hook | Should -BeOfType ([OktaEventHooks.EventHook])
        $hook.Status | Should -Be 'ACTIVE'
        $hook.VerificationStatus | Should -Be 'UNVERIFIED'
        $hook.Description | Should -Be 'd'
        (Get-OktaEventHook).Id | Should -Be $hook.Id
    }

    It 'sends the auth header value to Okta, which never returns it' {
        $hook = New-OktaEventHook -Name 'Secret' -Uri $uri -EventType user.lifecycle.create `
            -AuthHeaderValue (ConvertTo-SecureString 'Bearer s3cr3t-new' -AsPlainText -Force)
        $hook.AuthHeaderName | Should -Be 'Authorization'
        (Get-SandboxStoredHook $hook.Id).channel.config.authScheme.value | Should -Be 'Bearer s3cr3t-new'
        ($hook | ConvertTo-Json -Depth 8) | Should -Not -Match 's3cr3t-new'
    }

    It 'sends custom headers and filters in Okta''s shape' {
        $hook = New-OktaEventHook -Name 'Filtered' -Uri $uri -EventType group.user_membership.add, group.user_membership.remove `
            -Header @{ 'X-Source' = 'okta' } -Filter @{ 'group.user_membership.add' = "event.target.?[displayName eq 'Finance'].size() > 0" }
        $hook.Headers['X-Source'] | Should -Be 'okta'
        $hook.Filter['group.user_membership.add'] | Should -Match 'Finance'
        $body = (Get-SandboxRequestLog | Where-Object method -eq 'POST')[0].body | ConvertFrom-Json
        $body.events.filter.type | Should -Be 'EXPRESSION_LANGUAGE'
        $body.events.filter.eventFilterMap[0].condition.expression | Should -Match 'Finance'
        $body.channel.config.headers[0].key | Should -Be 'X-Source'
        $body.PSObject.Properties.Name | Should -Not -Contain 'status'
    }

    It 'verifies right away with -Verify' {
        $hook = New-OktaEventHook -Name 'Verified' -Uri $uri -EventType user.lifecycle.create -Verify
        $hook.VerificationStatus | Should -Be 'VERIFIED'
    }

    It 'creates hooks from piped objects (by property name)' {
        $hooks = @(
            [pscustomobject]@{ Name = 'From CSV 1'; Uri = $uri; EventType = 'user.lifecycle.create' }
            [pscustomobject]@{ Name = 'From CSV 2'; Uri = $uri; EventType = 'user.session.start' }
        ) | New-OktaEventHook
        $hooks.Name | Should -Be @('From CSV 1', 'From CSV 2')
    }

    It 'sends no write with -WhatIf, and lists what would be created' {
        $text = Get-HostText { New-OktaEventHook -Name 'Not really' -Uri $uri -EventType user.lifecycle.create -Header @{ 'X-Source' = 'okta' } -WhatIf }
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
        $text | Should -Match ([regex]::Escape("Create event hook: Name: 'Not really'; Uri: $uri; EventTypes: +user.lifecycle.create; Headers: X-Source"))
    }

    Context 'refuses bad input before any request, naming the parameter' {
        It '<Case>' -TestCases @(
            @{ Case = 'empty name'; Parameter = 'Name'; Arguments = @{ Name = '' } }
            @{ Case = 'name over 255 characters'; Parameter = 'Name'; Arguments = @{ Name = 'n' * 256 } }
            @{ Case = 'http uri to a remote host'; Parameter = 'Uri'; Arguments = @{ Uri = 'http://hooks.example.com/okta' } }
            @{ Case = 'relative uri'; Parameter = 'Uri'; Arguments = @{ Uri = '/okta/hook' } }
            @{ Case = 'ftp uri'; Parameter = 'Uri'; Arguments = @{ Uri = 'ftp://hooks.example.com/okta' } }
            @{ Case = 'uri with a space'; Parameter = 'Uri'; Arguments = @{ Uri = 'https://hooks.example.com/ok ta' } }
            @{ Case = 'uri over 1024 characters'; Parameter = 'Uri'; Arguments = @{ Uri = 'https://hooks.example.com/' + ('a' * 1000) } }
            @{ Case = 'empty uri'; Parameter = 'Uri'; Arguments = @{ Uri = '' } }
            @{ Case = 'no event types'; Parameter = 'EventType'; Arguments = @{ EventType = @() } }
            @{ Case = '301 event types'; Parameter = 'EventType'; Arguments = @{ EventType = 1..301 | ForEach-Object { "type.$_" } } }
            @{ Case = 'an empty event type'; Parameter = 'EventType'; Arguments = @{ EventType = 'user.lifecycle.create', '' } }
            @{ Case = 'an event type with a space'; Parameter = 'EventType'; Arguments = @{ EventType = 'user lifecycle' } }
        ) {
            $params = @{ Name = 'Valid'; Uri = $uri; EventType = 'user.lifecycle.create' }
            foreach ($key in $Arguments.Keys) { $params[$key] = $Arguments[$key] }
            { New-OktaEventHook @params -ErrorAction Stop } | Should -Throw -ExpectedMessage "*parameter '$Parameter'*"
            Get-SandboxRequestLog | Should -BeNullOrEmpty
        }

        It '<Case>' -TestCases @(
            @{ Case = 'a filter for an event type not subscribed'; Parameter = 'Filter'; Arguments = @{ Filter = @{ 'user.session.start' = 'true' } } }
            @{ Case = 'an empty filter condition'; Parameter = 'Filter'; Arguments = @{ Filter = @{ 'user.lifecycle.create' = '' } } }
            @{ Case = 'the auth header as a clear-text header'; Parameter = 'Header'; Arguments = @{ Header = @{ Authorization = 'x' }; AuthHeaderValue = (ConvertTo-SecureString 'y' -AsPlainText -Force) } }
            @{ Case = 'a reserved header'; Parameter = 'Header'; Arguments = @{ Header = @{ 'Content-Type' = 'text/plain' } } }
            @{ Case = 'an auth header name without a value'; Parameter = 'AuthHeaderName'; Arguments = @{ AuthHeaderName = 'X-Api-Key' } }
        ) {
            $params = @{ Name = 'Valid'; Uri = $uri; EventType = 'user.lifecycle.create' }
            foreach ($key in $Arguments.Keys) { $params[$key] = $Arguments[$key] }
            # A parameter that makes the whole command impossible ends it; one about this hook only is non-terminating.
            try { New-OktaEventHook @params -ErrorAction SilentlyContinue -ErrorVariable failure } catch { $failure = @($_) }
            $failure[0].FullyQualifiedErrorId | Should -Be "InvalidParameter.$Parameter,OktaEventHooks.Commands.NewOktaEventHookCommand"
            $failure[0].Exception.Message | Should -BeLike "*-$Parameter*"
            $failure[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            Get-SandboxRequestLog | Should -BeNullOrEmpty
        }
    }

    It 'accepts https to any host and http to loopback' {
        { New-OktaEventHook -Name 'Loopback' -Uri 'http://localhost:9/x' -EventType user.lifecycle.create -WhatIf } | Should -Not -Throw
        { New-OktaEventHook -Name 'Remote' -Uri 'https://hooks.example.com/x' -EventType user.lifecycle.create -WhatIf } | Should -Not -Throw
    }

    It 'passes Okta''s validation errors on as InvalidArgument with Okta''s causes' {
        New-OktaEventHook -Name 'Unknown type' -Uri $uri -EventType 'not.a.real.type' -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -Be 'E0000001,OktaEventHooks.Commands.NewOktaEventHookCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure[0].Exception.Message | Should -Match 'not\.a\.real\.type'
    }
}

Describe 'A create whose outcome stays in doubt' {
    BeforeEach { Reset-TestSandbox; Connect-TestSandbox }

    It 'says the outcome is unknown, not something about a follow-up read, so nobody reruns it blindly' {
        Add-SandboxFault @{ mode = 'status'; status = 503; count = 1; method = 'POST'; when = 'after' }
        Add-SandboxFault @{ mode = 'status'; status = 500; count = 20; method = 'GET' }
        New-OktaEventHook -Name 'Doubtful' -Uri (Get-ReceiverUri ok doubtful) -EventType user.lifecycle.create -ErrorAction SilentlyContinue -ErrorVariable failure -WarningAction SilentlyContinue
        $failure[-1].FullyQualifiedErrorId | Should -BeLike 'OktaCreateOutcomeUnknown,*'
        $failure[-1].Exception.Message | Should -Match 'may or may not have reached Okta'
        $failure[-1].ErrorDetails.RecommendedAction | Should -Match 'Get-OktaEventHook -Name'
    }
}

Describe 'A create in doubt on an org whose clock is far from ours' {
    It 'finds the hook its lost answer created by the org''s clock, and does not create it twice' {
        # The org's clock is two hours behind ours. The create's answer is lost (a 502 after the hook was made); the list
        # shows the hook, created "now" by the org's clock.
        $server = Start-FakeServer {
            param($method, $path)
            $orgNow = [DateTimeOffset]::UtcNow.AddHours(-2)
            $date = @{ Date = $orgNow.ToString('r') }
            $hook = '{"id":"whoSkewed00000000001","status":"ACTIVE","verificationStatus":"UNVERIFIED","name":"Skewed","description":null,' +
                    '"created":"' + $orgNow.ToString("yyyy-MM-dd'T'HH:mm:ss'.000Z'") + '","createdBy":"00u1","lastUpdated":null,' +
                    '"events":{"type":"EVENT_TYPE","items":["user.lifecycle.create"],"filter":null},' +
                    '"channel":{"type":"HTTP","version":"1.0.0","config":{"uri":"https://hooks.example.com/skew","headers":[],"method":"POST","authScheme":null}},"_links":{}}'
            if ($method -eq 'POST') { @{ Status = 502; Body = ''; Headers = $date } }
            else { @{ Status = 200; Body = "[$hook]"; Headers = $date } }
        }
        try {
            $connection = Connect-OktaOrg -OrgUrl $server.Url -ApiToken (Secret 'skew-test-token-123') -PassThru
            # This stand-in always lists the hook, also before the create: -Force lets the create past the namesake check.
            $created = New-OktaEventHook -Connection $connection -Name 'Skewed' -Uri 'https://hooks.example.com/skew' -EventType user.lifecycle.create -Force -WarningAction SilentlyContinue
            $created.Id | Should -Be 'whoSkewed00000000001'
            @($server.Requests | Where-Object Method -eq 'POST').Count | Should -Be 1
        }
        finally { $server.Stop() }
    }
}

Describe 'New-OktaEventHook: what a refused create left' {
    BeforeEach { Reset-TestSandbox; Connect-TestSandbox }

    It 'says a create Okta refused with a 4xx created nothing, without doubt' {
        New-OktaEventHook -Name 'Refused' -Uri (Get-ReceiverUri ok refused) -EventType 'not.a.real.type' -ErrorAction SilentlyContinue -ErrorVariable failure -WarningAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'E0000001,*'
        $failure[0].Exception.Message | Should -Not -Match 'may or may not'
        $failure[0].Exception.Message | Should -Match "Okta refused the create of 'Refused': nothing was created\."
        Get-OktaEventHook | Should -BeNullOrEmpty
    }

    It 'says the 26th ACTIVE hook was refused and nothing was created' {
        1..25 | ForEach-Object { $null = New-TestHook -Name "Active $_" }
        New-OktaEventHook -Name 'One too many' -Uri (Get-ReceiverUri ok many) -EventType user.lifecycle.create -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'E0000001,*'
        $failure[0].Exception.Message | Should -Match "Okta refused the create of 'One too many': nothing was created\."
        $failure[0].Exception.Message | Should -Not -Match 'may or may not'
        @(Get-OktaEventHook).Count | Should -Be 25
    }
}

Describe 'New-OktaEventHook: a name the org already has' {
    BeforeEach { Reset-TestSandbox; Connect-TestSandbox }

    It 'refuses a second hook of the same name, naming the hook that has it, and sends no create' {
        $first = New-TestHook -Name 'Payroll sync'
        Clear-SandboxRequestLog
        $second = New-OktaEventHook -Name 'payroll SYNC' -Uri (Get-ReceiverUri ok second) -EventType user.lifecycle.create -ErrorAction SilentlyContinue -ErrorVariable failure
        $second | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'EventHookNameExists,OktaEventHooks.Commands.NewOktaEventHookCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $failure[0].Exception.Message | Should -Match $first.Id
        $failure[0].ErrorDetails.RecommendedAction | Should -Match '-Force'
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
        @(Get-OktaEventHook).Count | Should -Be 1
    }

    It 'creates it anyway with -Force, with a warning' {
        $null = New-TestHook -Name 'Payroll sync'
        $second = New-OktaEventHook -Name 'Payroll sync' -Uri (Get-ReceiverUri ok second) -EventType user.lifecycle.create -Force -WarningVariable warned -WarningAction SilentlyContinue
        $second.Name | Should -Be 'Payroll sync'
        $warned | Should -Match "already has 1 hook\(s\) named 'Payroll sync'"
        @(Get-OktaEventHook).Count | Should -Be 2
    }

    It 'stops a re-run runbook (-ErrorAction Stop) instead of creating a duplicate' {
        $run = { New-OktaEventHook -Name 'Nightly' -Uri (Get-ReceiverUri ok nightly) -EventType user.lifecycle.create -ErrorAction Stop }
        $null = & $run
        { $null = & $run } | Should -Throw -ErrorId 'EventHookNameExists,*'
        @(Get-OktaEventHook).Count | Should -Be 1
    }
}
