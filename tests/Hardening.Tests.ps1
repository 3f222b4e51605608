# Hostile and careless input, echoing servers, faults and Ctrl+C: nothing lost, nothing leaked, nothing hangs.
# Each Describe is one defect found by trying to break the module (issue 11); the tests pin what the user or the org sees.

BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
    function Secret([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }

    # Runs $Script in a fresh runspace on this host, stops it once the sandbox holds a request of $Method, and returns
    # the text the host received (warnings written straight to the host while the pipeline stops).
    function Stop-WhileHeld([string] $Method, [string] $Script) {
        $pwsh = (Get-Process -Id $PID).Path
        $module = Join-Path (Get-Module OktaEventHooks).ModuleBase 'OktaEventHooks.psd1'
        $child = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$module'
Connect-OktaOrg -OrgUrl '$(Get-SandboxUrl)' -ApiToken (ConvertTo-SecureString '$($env:OKTAEH_SANDBOX_TOKEN)' -AsPlainText -Force)
`$runspace = [runspacefactory]::CreateRunspace(`$Host); `$runspace.Open()
`$shell = [powershell]::Create(); `$shell.Runspace = `$runspace
`$null = `$shell.AddScript({ Import-Module '$module'; Connect-OktaOrg -OrgUrl '$(Get-SandboxUrl)' -ApiToken (ConvertTo-SecureString '$($env:OKTAEH_SANDBOX_TOKEN)' -AsPlainText -Force) }).Invoke()
`$shell.Commands.Clear()
`$null = `$shell.AddScript({ $Script })
`$async = `$shell.BeginInvoke()
`$deadline = [datetime]::UtcNow.AddSeconds(20)
# A count-1 fault leaves the sandbox's list the moment it strikes: the request is then being held.
do { Start-Sleep -Milliseconds 50; `$held = @(Invoke-RestMethod '$(Get-SandboxUrl)/sandbox/faults' | Where-Object { `$_ }).Count -eq 0 } until (`$held -or [datetime]::UtcNow -gt `$deadline)
`$shell.Stop()
'STOPPED'
"@
        $env:NO_COLOR = '1'
        # pwsh may itself run as 'dotnet pwsh.dll' (the repository's local tool).
        $prefix = @(if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
        (& $pwsh @prefix -NoProfile -NonInteractive -Command $child 2>&1) -join "`n"
    }
}
AfterAll { Stop-TestSandbox }

Describe 'Secrets that contain a line break' {
    BeforeEach { Reset-TestSandbox }

    It 'refuses an API token with CR/LF before sending, without printing it (<Parameter>)' -TestCases @(
        @{ Parameter = 'ApiToken' }
        @{ Parameter = 'AccessToken' }
    ) {
        $token = "tok-SECRET-1a2b`r`nX-Injected: yes"
        $params = @{ OrgUrl = (Get-SandboxUrl); $Parameter = (Secret $token) }
        $failure = Get-TerminatingError { Connect-OktaOrg @params }
        $failure.FullyQualifiedErrorId | Should -BeLike "InvalidParameter.$Parameter,*"
        $failure.Exception.Message | Should -Match 'line break'
        ($failure | Format-List * -Force | Out-String) | Should -Not -Match 'SECRET-1a2b'
        Get-SandboxRequestLog | Should -BeNullOrEmpty
    }

    It 'refuses a token outside printable ASCII as a named parameter error, not a connection failure' {
        $failure = Get-TerminatingError { Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (Secret 'tök-ÄÖÜ-1234567890') }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.ApiToken,*'
        $failure.Exception.Message | Should -Not -Match 'tök'
    }

    It 'refuses a whitespace-only token and a client id with spaces, naming the parameter' {
        (Get-TerminatingError { Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (Secret '   ') }).FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.ApiToken,*'
        $key = [System.Security.Cryptography.ECDsa]::Create([System.Security.Cryptography.ECCurve+NamedCurves]::nistP256)
        $pem = $key.ExportPkcs8PrivateKeyPem()
        (Get-TerminatingError { Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ClientId '0oa abc' -PrivateKey (Secret $pem) }).FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.ClientId,*'
    }
}

Describe 'Credentials in a URL' {
    BeforeEach { Reset-TestSandbox; Connect-TestSandbox }

    It 'refuses an org URL with a user name and password, and never repeats the password' {
        $url = (Get-SandboxUrl) -replace '^http://', 'http://admin:P4ssw0rd-url@'
        $failure = Get-TerminatingError { Connect-OktaOrg -OrgUrl $url -ApiToken (Get-SandboxToken) -Verbose }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.OrgUrl,*'
        ($failure | Format-List * -Force | Out-String) | Should -Not -Match 'P4ssw0rd-url'
        Get-SandboxRequestLog | Should -BeNullOrEmpty
    }

    It 'refuses a hook endpoint with credentials or a fragment in New, Set and Test-OktaEventHookEndpoint' {
        $withPassword = 'https://user:Hidden-pw9@hooks.example.com/okta'
        { New-OktaEventHook -Name 'x' -Uri $withPassword -EventType user.lifecycle.create } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        { Test-OktaEventHookEndpoint -Uri $withPassword } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        { New-OktaEventHook -Name 'x' -Uri 'https://hooks.example.com/okta#part' -EventType user.lifecycle.create } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        try { New-OktaEventHook -Name 'x' -Uri $withPassword -EventType user.lifecycle.create } catch { ($_ | Out-String) | Should -Not -Match 'Hidden-pw9' }
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
    }

    It 'refuses a proxy URL with credentials, pointing to -ProxyCredential' {
        $failure = Get-TerminatingError { Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (Get-SandboxToken) -Proxy 'http://bob:Proxy-pw7@proxy.example.com:8080' }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.Proxy,*'
        $failure.Exception.Message | Should -Match 'ProxyCredential'
        ($failure | Format-List * -Force | Out-String) | Should -Not -Match 'Proxy-pw7'
    }
}

Describe 'Test-OktaEventHookEndpoint and header syntax' {
    BeforeEach { Reset-TestSandbox; Clear-ReceiverRequestLog }

    It 'refuses CR/LF in -AuthHeaderValue before sending anything' {
        $failure = Get-TerminatingError { Test-OktaEventHookEndpoint -Uri (Get-ReceiverUri ok) -AuthHeaderValue (Secret "Bearer abc`r`nX-Injected: 1") }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.AuthHeaderValue,*'
        Get-ReceiverRequestLog | Should -BeNullOrEmpty
    }

    It 'refuses CR/LF in a -Header value and an invalid header name (<Name>), sending nothing' -TestCases @(
        @{ Name = 'X-Ok'; Value = "a`r`nX-Injected: 1" }
        @{ Name = 'X Api Key'; Value = 'v' }
        @{ Name = 'X-Kéy'; Value = 'v' }
        @{ Name = 'X(A)'; Value = 'v' }
    ) {
        Test-OktaEventHookEndpoint -Uri (Get-ReceiverUri ok) -Header @{ $Name = $Value } -ErrorAction SilentlyContinue -ErrorVariable failure | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.Header,*'
        Get-ReceiverRequestLog | Should -BeNullOrEmpty
    }

    It 'checks -AuthHeaderName like a header name' {
        $failure = Get-TerminatingError { Test-OktaEventHookEndpoint -Uri (Get-ReceiverUri ok) -AuthHeaderName 'X Key' -AuthHeaderValue (Secret 'abc') }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.AuthHeaderName,*'
    }

    It 'names a redirect by its host only, never its path' {
        # A one-answer-fits-all server on loopback: every request gets a 307 to a path that carries a token.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $job = Start-ThreadJob -ArgumentList $listener {
            param($listener)
            $answer = [Text.Encoding]::ASCII.GetBytes("HTTP/1.1 307 Temporary Redirect`r`nLocation: https://elsewhere.example.com/secret-path/token-9f8e?sig=abc`r`nContent-Length: 0`r`nConnection: close`r`n`r`n")
            while ($true) {
                $client = $listener.AcceptTcpClient()
                $stream = $client.GetStream()
                $buffer = [byte[]]::new(65536)
                $null = $stream.Read($buffer, 0, $buffer.Length)
                $stream.Write($answer, 0, $answer.Length)
                $client.Close()
            }
        }
        try {
            $result = Test-OktaEventHookEndpoint -Uri "http://127.0.0.1:$port/hook"
            ($result.Problems -join ' ') | Should -Match 'redirect to https://elsewhere.example.com'
            ($result.Problems -join ' ') | Should -Not -Match 'secret-path|token-9f8e|sig='
        }
        finally { $listener.Stop(); $job | Remove-Job -Force }
    }
}

Describe 'Import-OktaEventHook -Prune and an empty or failing plan' {
    BeforeAll {
        $script:folder = Join-Path ([IO.Path]::GetTempPath()) "oktaeh-prune-$([guid]::NewGuid().ToString('N'))"
        $null = New-Item -ItemType Directory -Path $folder
    }
    AfterAll { Remove-Item -LiteralPath $folder -Recurse -Force }
    BeforeEach {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:active = New-TestHook -Name 'Keep me'
        $script:other = New-TestHook -Name 'Keep me too' -Secret 'Bearer other-secret'
        Clear-SandboxRequestLog
    }

    It 'refuses a prune that would delete every hook of the org (a file that lists none), changing nothing' {
        $empty = Join-Path $folder 'empty.json'
        '{ "schemaVersion": 1, "eventHooks": [] }' | Set-Content -LiteralPath $empty
        $failure = Get-TerminatingError { Import-OktaEventHook -Path $empty -Prune -Confirm:$false }
        $failure.FullyQualifiedErrorId | Should -BeLike 'PruneNeedsForce,*'
        $failure.Exception.Message | Should -Match 'every|2 of the org''s 2'
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
        @(Get-OktaEventHook).Count | Should -Be 2
    }

    It 'prunes every hook only with -Force' {
        $empty = Join-Path $folder 'empty.json'
        '{ "schemaVersion": 1, "eventHooks": [] }' | Set-Content -LiteralPath $empty
        $results = Import-OktaEventHook -Path $empty -Prune -Force -Confirm:$false
        ($results | Where-Object Action -eq 'Remove').Result | Should -Be @('Done', 'Done')
        @(Get-OktaEventHook) | Should -BeNullOrEmpty
    }

    It 'does not write an empty file when -Name matches nothing' {
        $typo = Join-Path $folder 'typo.json'
        Export-OktaEventHook -Path $typo -Name 'typo*' -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'EventHookExportEmpty,*'
        Test-Path -LiteralPath $typo | Should -BeFalse
    }

    It 'stops before pruning once a create of the same run failed, so the renamed hook keeps its old copy and secret' {
        # The file renames 'Keep me too' (which has a secret) to 'Renamed'; the create needs the secret and fails.
        $file = Join-Path $folder 'rename.json'
        Export-OktaEventHook -Path $file
        $document = Get-Content -LiteralPath $file -Raw | ConvertFrom-Json
        ($document.eventHooks | Where-Object name -eq 'Keep me too').name = 'Renamed'
        $document | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath $file
        Clear-SandboxRequestLog
        $results = Import-OktaEventHook -Path $file -Prune -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failures
        ($failures.FullyQualifiedErrorId -join ' ') | Should -Match 'AuthHeaderValueRequired'
        ($failures.FullyQualifiedErrorId -join ' ') | Should -Match 'PruneSkippedAfterFailure'
        ($results | Where-Object Name -eq 'Keep me too').Result | Should -Be 'Skipped'
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
        (Get-OktaEventHook -Id $other.Id).Name | Should -Be 'Keep me too'
    }

    It 'checks the whole file with the rules of New and Set before the first write (<Case>)' -TestCases @(
        @{ Case = 'a filter on an unsubscribed type'; Edit = { param($h) $h.events | Add-Member -NotePropertyName filter -NotePropertyValue ([pscustomobject]@{ type = 'EXPRESSION_LANGUAGE'; eventFilterMap = @([pscustomobject]@{ event = 'user.session.start'; condition = [pscustomobject]@{ version = $null; expression = 'true' } }) }) -Force } }
        @{ Case = 'a blank header key'; Edit = { param($h) $h.channel.config | Add-Member -NotePropertyName headers -NotePropertyValue @([pscustomobject]@{ key = ' '; value = 'v' }) -Force } }
        @{ Case = 'an invalid auth header name'; Edit = { param($h) $h.channel.config | Add-Member -NotePropertyName authScheme -NotePropertyValue ([pscustomobject]@{ type = 'HEADER'; key = 'X Key'; value = 'x' }) -Force } }
        @{ Case = 'whitespace in an event type'; Edit = { param($h) $h.events.items = @('user.lifecycle.create', 'user. session') } }
    ) {
        $file = Join-Path $folder 'rules.json'
        Export-OktaEventHook -Path $file
        $document = Get-Content -LiteralPath $file -Raw | ConvertFrom-Json
        $document.eventHooks += [pscustomobject]@{ name = 'New one'; status = 'ACTIVE'; events = [pscustomobject]@{ type = 'EVENT_TYPE'; items = @('user.lifecycle.create') }; channel = [pscustomobject]@{ type = 'HTTP'; version = '1.0.0'; config = [pscustomobject]@{ uri = (Get-ReceiverUri ok 'new') } } }
        & $Edit $document.eventHooks[-1]
        $document | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath $file
        Clear-SandboxRequestLog
        $failure = Get-TerminatingError { Import-OktaEventHook -Path $file -Prune -Force -Confirm:$false }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidEventHookFile,*'
        $failure.Exception.Message | Should -Match "hook 'New one'"
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
    }

    It 'reports what it created, updated, removed and left alone' {
        $file = Join-Path $folder 'outcome.json'
        Export-OktaEventHook -Path $file -Name 'Keep me'
        $document = Get-Content -LiteralPath $file -Raw | ConvertFrom-Json
        $document.eventHooks[0] | Add-Member -NotePropertyName description -NotePropertyValue 'changed' -Force
        $document.eventHooks += [pscustomobject]@{ name = 'Added'; status = 'ACTIVE'; events = [pscustomobject]@{ type = 'EVENT_TYPE'; items = @('user.lifecycle.create') }; channel = [pscustomobject]@{ type = 'HTTP'; version = '1.0.0'; config = [pscustomobject]@{ uri = (Get-ReceiverUri ok 'added') } } }
        $document | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath $file
        $results = Import-OktaEventHook -Path $file -Prune -Confirm:$false
        ($results | Where-Object Name -eq 'Keep me') | ForEach-Object { $_.Action, $_.Result } | Should -Be @('Update', 'Done')
        ($results | Where-Object Name -eq 'Added') | ForEach-Object { $_.Action, $_.Result } | Should -Be @('Create', 'Done')
        ($results | Where-Object Name -eq 'Keep me too') | ForEach-Object { $_.Action, $_.Result } | Should -Be @('Remove', 'Done')
    }
}

Describe 'One secret for several hooks' {
    BeforeEach {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:a = New-TestHook -Name 'Bulk A' -Secret 'Bearer secret-of-a'
        $script:b = New-TestHook -Name 'Bulk B'
        Clear-SandboxRequestLog
    }

    It 'refuses to give one -AuthHeaderValue to several piped hooks, changing none' {
        Get-OktaEventHook -Name 'Bulk*' | Set-OktaEventHook -Description 'x' -AuthHeaderValue (Secret 'Bearer one-for-all') -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'AuthHeaderValueForManyHooks,*'
        $failure[0].Exception.Message | Should -Match 'Bulk A'
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
        (Get-SandboxStoredHook $b.Id).channel.config.authScheme | Should -BeNullOrEmpty
    }

    It 'gives it to each hook with -Force, and -WhatIf tells added from replaced' {
        $text = Get-HostText { Get-OktaEventHook -Name 'Bulk*' | Set-OktaEventHook -Description 'x' -AuthHeaderValue (Secret 'Bearer one-for-all') -Force -WhatIf }
        $text | Should -Match 'Bulk A .*|AuthHeader: Authorization value replaced'
        $text | Should -Match 'AuthHeader: Authorization added \(value \*\*\*\)'
        $text | Should -Match 'AuthHeader: Authorization value replaced \(\*\*\*\)'
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
        Get-OktaEventHook -Name 'Bulk*' | Set-OktaEventHook -Description 'x' -AuthHeaderValue (Secret 'Bearer one-for-all') -Force -Confirm:$false
        @(Get-SandboxWriteRequest).Count | Should -Be 2
    }

    It 'still takes the secret for one piped hook' {
        Get-OktaEventHook -Name 'Bulk A' | Set-OktaEventHook -Description 'only A' -AuthHeaderValue (Secret 'Bearer new-a') -Confirm:$false
        (Get-OktaEventHook -Id $a.Id).Description | Should -Be 'only A'
    }
}

Describe 'State left by a multi-step operation that stops early' {
    BeforeEach {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:hook = New-TestHook -Name 'Half done'
        Clear-SandboxRequestLog
    }

    It 'tells that the hook is now INACTIVE when the delete after -Force''s deactivation fails' {
        Add-SandboxFault @{ mode = 'status'; status = 500; count = 10; method = 'DELETE' }
        Remove-OktaEventHook -Id $hook.Id -Force -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].Exception.Message | Should -Match 'was deactivated and is now INACTIVE'
        $failure[0].Exception.Message | Should -Match 'not deleted'
        (Get-OktaEventHook -Id $hook.Id).Status | Should -Be 'INACTIVE'
    }

    It 'tells the state when Ctrl+C stops Remove -Force during its delete' {
        Add-SandboxFault @{ mode = 'hang'; seconds = 30; count = 1; method = 'DELETE' }
        $text = Stop-WhileHeld 'DELETE' "Remove-OktaEventHook -Id $($hook.Id) -Force -Confirm:`$false"
        $text | Should -Match 'STOPPED'
        $text | Should -Match 'Stopped: The event hook Half done .* was deactivated and is now INACTIVE'
    }

    It 'tells the state when Ctrl+C stops New while its create is in flight' {
        Add-SandboxFault @{ mode = 'hang'; seconds = 30; count = 1; method = 'POST' }
        $text = Stop-WhileHeld 'POST' "New-OktaEventHook -Name 'In flight' -Uri '$(Get-ReceiverUri ok inflight)' -EventType user.lifecycle.create"
        $text | Should -Match "Stopped: The create of 'In flight' may or may not have reached Okta"
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

Describe 'Named errors for bad input instead of .NET ones' {
    BeforeEach { Reset-TestSandbox; Connect-TestSandbox }

    It 'names -Name for an invalid wildcard pattern' {
        { Get-OktaEventHook -Name '[' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        { Get-OktaEventType -Name '[' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }

    It 'checks the export path before reading any hook (<Case>)' -TestCases @(
        @{ Case = 'a folder'; Path = { [IO.Path]::GetTempPath() } }
        @{ Case = 'a missing folder'; Path = { Join-Path ([IO.Path]::GetTempPath()) "missing-$([guid]::NewGuid())/hooks.json" } }
        @{ Case = 'wildcards'; Path = { Join-Path ([IO.Path]::GetTempPath()) '*.json' } }
    ) {
        Clear-SandboxRequestLog
        $failure = Get-TerminatingError { Export-OktaEventHook -Path (& $Path) }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.Path,*'
        Get-SandboxRequestLog | Should -BeNullOrEmpty
    }

    It 'names the key for a curve Okta does not take (<Curve>)' -TestCases @(@{ Curve = 'secp256k1' }, @{ Curve = 'brainpoolP256r1' }) {
        $key = [System.Security.Cryptography.ECDsa]::Create([System.Security.Cryptography.ECCurve]::CreateFromFriendlyName($Curve))
        $failure = Get-TerminatingError { Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ClientId '0oaCurve' -PrivateKey (Secret $key.ExportPkcs8PrivateKeyPem()) }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.PrivateKey,*'
        $failure.Exception.GetType().Name | Should -Not -Match 'Cryptographic'
    }

    It 'names the key for a JWK with bad base64' {
        $jwk = '{"kty":"EC","crv":"P-256","x":"***","y":"@@@","d":"!!!"}'
        $failure = Get-TerminatingError { Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ClientId '0oaJwk' -PrivateKey (Secret $jwk) }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.PrivateKey,*'
    }
}

Describe 'Nothing CPU-bound or blocking that Ctrl+C cannot stop' {
    It 'answers a million-character event type name at once' {
        { Get-OktaEventType -Name ('q' * 1000000) } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        Get-OktaEventType -Name ('q' * 200) -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'EventTypeNotFound,*'
    }

    It 'refuses 10,000-character event types at the parameter' {
        { New-OktaEventHook -Name 'Long' -Uri (Get-ReceiverUri ok) -EventType (1..300 | ForEach-Object { 'x' * 10000 }) -WhatIf } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }

    It 'refuses a named pipe given to -Path and -PrivateKeyPath instead of waiting on it' -Skip:($IsWindows) {
        $fifo = Join-Path ([IO.Path]::GetTempPath()) "oktaeh-fifo-$([guid]::NewGuid().ToString('N'))"
        & mkfifo $fifo
        try {
            Connect-TestSandbox
            (Get-TerminatingError { Import-OktaEventHook -Path $fifo }).FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.Path,*'
            (Get-TerminatingError { Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ClientId '0oaFifo' -PrivateKeyPath $fifo }).FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.PrivateKeyPath,*'
        }
        finally { Remove-Item -LiteralPath $fifo -Force }
    }
}

Describe 'Loose values refused before sending' {
    BeforeEach { Reset-TestSandbox; Connect-TestSandbox; Clear-SandboxRequestLog }

    It 'refuses a name with <Case>' -TestCases @(
        @{ Case = 'a line break'; Name = "two`r`nlines" }
        @{ Case = 'a NUL'; Name = "nul`0here" }
        @{ Case = 'a bidi override'; Name = "evil$([char]0x202E)txt.exe" }
    ) {
        { New-OktaEventHook -Name $Name -Uri (Get-ReceiverUri ok) -EventType user.lifecycle.create } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        Get-SandboxRequestLog | Should -BeNullOrEmpty
    }

    It 'refuses a 1 MB description and a 1 MB header value' {
        New-OktaEventHook -Name 'Big' -Uri (Get-ReceiverUri ok) -EventType user.lifecycle.create -Description ('d' * 1MB) -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.Description,*'
        New-OktaEventHook -Name 'Big' -Uri (Get-ReceiverUri ok) -EventType user.lifecycle.create -Header @{ 'X-Big' = 'h' * 1MB } -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.Header,*'
        Get-SandboxRequestLog | Should -BeNullOrEmpty
    }

    It 'says plainly that a truncated answer was cut short, without quoting the JSON parser' {
        $hook = New-TestHook -Name 'Cut'
        Add-SandboxFault @{ mode = 'truncated'; count = 10; method = 'GET' }
        Get-OktaEventHook -Id $hook.Id -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].Exception.Message | Should -Match 'cut short'
        $failure[0].Exception.Message | Should -Not -Match 'Unterminated|Path ''|line 1, position'
    }
}

Describe 'The token endpoint and the concurrent-request limit' {
    BeforeEach { Reset-TestSandbox }

    It 'connects through one <Status> of the token endpoint' -TestCases @(@{ Status = 500 }, @{ Status = 503 }, @{ Status = 429 }) {
        $key = [System.Security.Cryptography.ECDsa]::Create([System.Security.Cryptography.ECCurve+NamedCurves]::nistP256)
        $jwk = @{ kty = 'EC'; crv = 'P-256'; x = [Convert]::ToBase64String($key.ExportParameters($false).Q.X).TrimEnd('=').Replace('+', '-').Replace('/', '_'); y = [Convert]::ToBase64String($key.ExportParameters($false).Q.Y).TrimEnd('=').Replace('+', '-').Replace('/', '_'); kid = 'k1' }
        $body = @{ clientId = '0oaRetry'; jwks = @{ keys = @($jwk) } } | ConvertTo-Json -Depth 5
        $null = Invoke-RestMethod -Method Post -Uri "$(Get-SandboxUrl)/sandbox/oauth/clients" -Body $body -ContentType 'application/json'
        Add-SandboxFault @{ mode = 'status'; status = $Status; count = 1; pathPrefix = '/oauth2/v1/token' }
        $connection = Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ClientId '0oaRetry' -PrivateKey (Secret $key.ExportPkcs8PrivateKeyPem()) -KeyId k1 -PassThru
        $connection.AuthMode | Should -BeLike 'PrivateKey*'
    }

    It 'gets 24 calls from 8 threads through a concurrent limit of 2' {
        Set-SandboxRateLimit -Limit 1000 -WindowSeconds 60 -ConcurrentLimit 2
        Add-SandboxFault @{ mode = 'hang'; seconds = 0.2; count = 24; method = 'GET' }
        $connection = Connect-TestSandbox -PassThru
        $errors = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:env:OKTAEH_MODULE
            foreach ($i in 1..3) {
                try { $null = Get-OktaEventHook -Connection $using:connection -ErrorAction Stop } catch { $_.Exception.Message }
            }
        }
        $errors | Should -BeNullOrEmpty
    }
}
