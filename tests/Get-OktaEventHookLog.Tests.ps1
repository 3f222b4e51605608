# Get-OktaEventHookLog: what Okta's System Log says about event hooks, judged by the records returned and by the
# requests that reached the sandbox (its request log shows every GET /api/v1/logs with its query).
BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox

    function Get-LogRequest { @(Get-SandboxRequestLog | Where-Object path -eq '/api/v1/logs') }
    function ConvertFrom-Query([string] $Query) {
        $pairs = [ordered]@{}
        foreach ($part in $Query -split '&') {
            $name, $value = $part -split '=', 2
            $pairs[$name] = [uri]::UnescapeDataString($value)
        }
        $pairs
    }
    function Format-Iso([datetime] $Value) { $Value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", [cultureinfo]::InvariantCulture) }
    function Add-SandboxLogRecord([object[]] $Record) {
        $body = ConvertTo-Json -InputObject @($Record) -Depth 10
        $null = Invoke-RestMethod -Method Post -Uri "$(Get-SandboxUrl)/sandbox/logs/records" -Body $body -ContentType 'application/json'
    }
    function Add-SandboxSyntheticLog([int] $Count, [datetime] $Since, [datetime] $Until, [string] $HookId, [string] $HookName = 'Synthetic hook') {
        $body = @{ count = $Count; since = Format-Iso $Since; until = Format-Iso $Until; hookId = $HookId; hookName = $HookName } | ConvertTo-Json
        $null = Invoke-RestMethod -Method Post -Uri "$(Get-SandboxUrl)/sandbox/logs/synthetic" -Body $body -ContentType 'application/json'
    }
    function Set-SandboxLogBehaviour([hashtable] $Behaviour) {
        $null = Invoke-RestMethod -Method Put -Uri "$(Get-SandboxUrl)/sandbox/logs/behaviour" -Body ($Behaviour | ConvertTo-Json) -ContentType 'application/json'
    }
    function Send-SandboxEvent([string] $EventType = 'user.lifecycle.create') {
        Invoke-RestMethod -Method Post -Uri "$(Get-SandboxUrl)/sandbox/events" -Body (@{ eventType = $EventType } | ConvertTo-Json) -ContentType 'application/json'
    }
    # A log record as Okta might write it about a hook, at an exact time.
    function New-LogRecord([datetime] $Published, [string] $Message, [string] $HookId = 'whoExactTimeExactTime', [string] $EventType = 'event_hook.updated') {
        [ordered]@{
            uuid = [guid]::NewGuid().ToString(); published = Format-Iso $Published; eventType = $EventType; displayMessage = $Message
            outcome = @{ result = 'SUCCESS'; reason = $null }; target = @(@{ id = $HookId; type = 'EventHook'; displayName = 'Exact' })
        }
    }
    # An OAuth service app with the given scopes, connected with them.
    function Connect-TestServiceApp([string[]] $Granted, [string[]] $Requested) {
        $rsa = [System.Security.Cryptography.RSA]::Create(2048)
        $p = $rsa.ExportParameters($false)
        $b64 = { param([byte[]] $b) [Convert]::ToBase64String($b).TrimEnd('=').Replace('+', '-').Replace('/', '_') }
        $clientId = '0oaLog' + [guid]::NewGuid().ToString('N').Substring(0, 14)
        $body = @{ clientId = $clientId; jwks = @{ keys = @(@{ kty = 'RSA'; n = (& $b64 $p.Modulus); e = (& $b64 $p.Exponent) }) }; scopes = $Granted } | ConvertTo-Json -Depth 5
        $null = Invoke-RestMethod -Method Post -Uri "$(Get-SandboxUrl)/sandbox/oauth/clients" -Body $body -ContentType 'application/json'
        Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ClientId $clientId -PrivateKey (ConvertTo-SecureString $rsa.ExportPkcs8PrivateKeyPem() -AsPlainText -Force) -Scope $Requested
        $clientId
    }
}
AfterAll {
    Reset-TestSandbox
    Stop-TestSandbox
}

Describe 'Get-OktaEventHookLog: what happened to a hook' {
    BeforeEach {
        Reset-TestSandbox
        Connect-TestSandbox
    }

    It 'shows the failed deliveries of a hook whose receiver answers 500, with the reason' {
        $hook = New-TestHook -Name 'Broken receiver' -Uri (Get-ReceiverUri 'failing/500' 'broken') -Secret 'Bearer delivery-secret'
        $null = Test-OktaEventHook -Id $hook.Id
        $null = Send-SandboxEvent
        $null = Send-SandboxEvent

        $records = @(Get-OktaEventHookLog -Id $hook.Id -EventType event_hook.delivery)

        $records.Count | Should -Be 2
        $records.EventType | Sort-Object -Unique | Should -Be 'event_hook.delivery'
        $records.Outcome | Sort-Object -Unique | Should -Be 'FAILURE'
        $records[0].Reason | Should -Be 'Event delivery failed: the endpoint answered HTTP 500 (2 attempts)'
        $records[0].HookId | Should -Be $hook.Id
        $records[0].HookName | Should -Be 'Broken receiver'
        $records[0].RawJson | Should -Not -Match 'delivery-secret'
        # Okta made two attempts per event, as the receiver saw.
        @(Get-ReceiverRequestLog | Where-Object method -eq 'POST').Count | Should -Be 4
    }

    It 'shows a failed and a successful verification, the failure with Okta''s reason' {
        $hook = New-TestHook -Name 'Flaky' -Uri (Get-ReceiverUri 'status/500' 'flaky')
        Test-OktaEventHook -Id $hook.Id -ErrorAction SilentlyContinue
        $null = Set-OktaEventHook -Id $hook.Id -Uri (Get-ReceiverUri ok 'flaky') -WarningAction SilentlyContinue
        $null = Test-OktaEventHook -Id $hook.Id

        $records = @(Get-OktaEventHookLog -Id $hook.Id -EventType event_hook.verified)

        $records.Outcome | Should -Be @('FAILURE', 'SUCCESS')
        $records[0].Reason | Should -Match 'HTTP 500'
        $records[1].Reason | Should -BeNullOrEmpty
    }

    It 'shows create, update, deactivate and delete with the admin behind the API token as actor' {
        $hook = New-TestHook -Name 'Short-lived'
        $null = Set-OktaEventHook -Id $hook.Id -Description 'changed'
        Remove-OktaEventHook -Id $hook.Id -Force -Confirm:$false

        $records = @(Get-OktaEventHookLog -Id $hook.Id)

        $records.EventType | Should -Be @('event_hook.created', 'event_hook.updated', 'event_hook.deactivated', 'event_hook.deleted')
        $records.Actor.Type | Sort-Object -Unique | Should -Be 'User'
        $records.Actor.AlternateId | Sort-Object -Unique | Should -Be 'admin@sandbox.example'
        $records.HookName | Sort-Object -Unique | Should -Be 'Short-lived'
        # The transaction is the request that made the change: the one the sandbox logged.
        $deleteRequest = Get-SandboxRequestLog | Where-Object method -eq 'DELETE'
        $records[-1].TransactionId | Should -Be $deleteRequest.requestId
    }

    It 'names an OAuth service app as the actor of its changes' {
        $clientId = Connect-TestServiceApp -Granted 'okta.eventHooks.manage', 'okta.logs.read' -Requested 'okta.eventHooks.manage', 'okta.logs.read'
        $hook = New-TestHook -Name 'Made by an app'

        $record = Get-OktaEventHookLog -Id $hook.Id

        $record.EventType | Should -Be 'event_hook.created'
        $record.Actor.Type | Should -Be 'PublicClientApp'
        $record.Actor.Id | Should -Be $clientId
    }
}

Describe 'Get-OktaEventHookLog: which hooks' {
    BeforeAll {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:hr = New-TestHook -Name 'HR sync'
        $script:audit = New-TestHook -Name 'Audit feed'
        $script:gone = New-TestHook -Name 'HR legacy'
        Remove-OktaEventHook -Id $gone.Id -Force -Confirm:$false
        $null = Invoke-RestMethod -Method Post -Uri "$(Get-SandboxUrl)/sandbox/logs/quota-warning" -Body '{}' -ContentType 'application/json'
    }
    BeforeEach { Clear-SandboxRequestLog }

    It 'reads every hook record of the org, and the delivery-quota warning, without a choice of hooks' {
        $records = @(Get-OktaEventHookLog)
        $records.EventType | Should -Be @('event_hook.created', 'event_hook.created', 'event_hook.created', 'event_hook.deactivated', 'event_hook.deleted', 'system.operation.rate_limit.warning')
        $query = ConvertFrom-Query (Get-LogRequest)[0].query
        $query.filter | Should -Be '(eventType sw "event_hook." or eventType eq "system.operation.rate_limit.warning" or eventType eq "system.operation.rate_limit.violation")'
    }

    It 'reads the records of the hooks given by -Id, and only those' {
        $records = @(Get-OktaEventHookLog -Id $hr.Id)
        $records.HookId | Sort-Object -Unique | Should -Be $hr.Id
        $records.EventType | Should -Be 'event_hook.created'
    }

    It 'reads the records of hooks by -Name with wildcards, deleted hooks included by the name their records carry' {
        $records = @(Get-OktaEventHookLog -Name 'hr*')
        $records.HookName | Sort-Object -Unique | Should -Be @('HR legacy', 'HR sync')
        $records.HookId | Sort-Object -Unique | Should -Be (@($hr.Id, $gone.Id) | Sort-Object)
    }

    It 'reads the records of hooks piped from Get-OktaEventHook with one query' {
        $records = @(Get-OktaEventHook | Get-OktaEventHookLog)
        $records.HookId | Sort-Object -Unique | Should -Be (@($hr.Id, $audit.Id) | Sort-Object)
        (Get-LogRequest).Count | Should -Be 1
    }

    It 'keeps the delivery-quota warning out when hooks are chosen, unless -EventType asks for it' {
        @(Get-OktaEventHookLog -Id $hr.Id).EventType | Should -Not -Contain 'system.operation.rate_limit.warning'
        $warning = Get-OktaEventHookLog -EventType system.operation.rate_limit.warning
        $warning.EventType | Should -Be 'system.operation.rate_limit.warning'
        $warning.Raw.debugContext.debugData.operationRateLimitType | Should -Be 'event_hook_delivery'
    }

    It 'does not show rate-limit warnings about other limits' {
        Add-SandboxLogRecord @(@{ published = Format-Iso (Get-Date).AddMinutes(-1); eventType = 'system.operation.rate_limit.warning'
                debugContext = @{ debugData = @{ operationRateLimitType = 'api' } } })
        @(Get-OktaEventHookLog -EventType system.operation.rate_limit.warning).Count | Should -Be 1
    }
}

Describe 'Get-OktaEventHookLog: which records' {
    BeforeEach {
        Reset-TestSandbox
        Connect-TestSandbox
    }

    It 'reads the last 24 hours by default and always sends both bounds, in UTC with milliseconds' {
        $before = [DateTimeOffset]::UtcNow
        $null = Get-OktaEventHookLog
        $after = [DateTimeOffset]::UtcNow

        $query = ConvertFrom-Query (Get-LogRequest)[0].query
        $since = [DateTimeOffset]::Parse($query.since, [cultureinfo]::InvariantCulture)
        $until = [DateTimeOffset]::Parse($query.until, [cultureinfo]::InvariantCulture)
        $query.since | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$'
        $query.until | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$'
        ($until - $since).TotalHours | Should -BeGreaterOrEqual 23.999
        ($until - $since).TotalHours | Should -BeLessOrEqual 24.001
        $until | Should -BeGreaterOrEqual $before.AddMilliseconds(-1)
        $until | Should -BeLessOrEqual $after.AddMilliseconds(1)
    }

    It 'takes -Since as inclusive and -Until as exclusive, as Okta does' {
        $now = Get-Date
        $t0 = $now.AddTicks(-($now.Ticks % [TimeSpan]::TicksPerSecond)).AddHours(-2)   # whole seconds, as Okta's times can be
        Add-SandboxLogRecord @(0..3 | ForEach-Object { New-LogRecord -Published $t0.AddMinutes($_) -Message "r$_" })

        $records = @(Get-OktaEventHookLog -Since $t0.AddMinutes(1) -Until $t0.AddMinutes(3))

        $records.DisplayMessage | Should -Be @('r1', 'r2')
        $records[0].Published | Should -Be $t0.AddMinutes(1)
        $query = ConvertFrom-Query (Get-LogRequest)[0].query
        $query.since | Should -Be (Format-Iso $t0.AddMinutes(1))
        $query.until | Should -Be (Format-Iso $t0.AddMinutes(3))
    }

    It 'with -FailureOnly returns only failures, filtered by Okta' {
        $hook = New-TestHook -Name 'Half' -Uri (Get-ReceiverUri 'status/500' 'half')
        Test-OktaEventHook -Id $hook.Id -ErrorAction SilentlyContinue

        $records = @(Get-OktaEventHookLog -FailureOnly)

        $records.EventType | Should -Be 'event_hook.verified'
        $records.Outcome | Should -Be 'FAILURE'
        (ConvertFrom-Query (Get-LogRequest)[-1].query).filter | Should -BeLike '* and outcome.result eq "FAILURE"'
    }

    It 'with -EventType filters by type at Okta, a trailing * as a prefix' {
        $null = New-TestHook -Name 'Typed'
        Clear-SandboxRequestLog

        @(Get-OktaEventHookLog -EventType event_hook.created, event_hook.deleted).EventType | Should -Be 'event_hook.created'
        @(Get-OktaEventHookLog -EventType 'event_hook.*').EventType | Should -Be 'event_hook.created'
        @(Get-OktaEventHookLog -EventType event_hook.verified) | Should -BeNullOrEmpty

        $filters = Get-LogRequest | ForEach-Object { (ConvertFrom-Query $_.query).filter }
        $filters[0] | Should -Be '(eventType eq "event_hook.created" or eventType eq "event_hook.deleted")'
        $filters[1] | Should -Be 'eventType sw "event_hook."'
    }

    It 'with -Newest returns the newest first' {
        $t0 = (Get-Date).AddHours(-1)
        Add-SandboxLogRecord @(0..2 | ForEach-Object { New-LogRecord -Published $t0.AddMinutes($_) -Message "r$_" })

        @(Get-OktaEventHookLog -Newest).DisplayMessage | Should -Be @('r2', 'r1', 'r0')
        (ConvertFrom-Query (Get-LogRequest)[0].query).sortOrder | Should -Be 'DESCENDING'
    }

    It 'refuses a -Since older than 90 days before sending anything' {
        { Get-OktaEventHookLog -Since (Get-Date).AddDays(-91) } | Should -Throw -ErrorId 'InvalidParameter.Since,OktaEventHooks.Commands.GetOktaEventHookLogCommand'
        { Get-OktaEventHookLog -Since (Get-Date) -Until (Get-Date).AddHours(-1) } | Should -Throw -ErrorId 'InvalidParameter.Until,OktaEventHooks.Commands.GetOktaEventHookLogCommand'
        Get-LogRequest | Should -BeNullOrEmpty
    }

    It 'refuses an -EventType that is not an event type name' {
        { Get-OktaEventHookLog -EventType 'event_hook.delivery" or eventType sw "' } | Should -Throw -ErrorId 'InvalidParameter.EventType,*'
        Get-LogRequest | Should -BeNullOrEmpty
    }
}

Describe 'Get-OktaEventHookLog: paging' {
    BeforeAll {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:hookId = 'whoPagedPagedPaged00'
        Add-SandboxSyntheticLog -Count 2500 -Since (Get-Date).AddHours(-20) -Until (Get-Date).AddHours(-1) -HookId $hookId
    }
    BeforeEach { Clear-SandboxRequestLog }
    AfterEach { Set-SandboxLogBehaviour @{ alwaysNextLink = $false; nextLinkBase = $null } }

    It 'follows Okta''s next links page by page to the end of the window' {
        $records = @(Get-OktaEventHookLog)
        $records.Count | Should -Be 2500
        @($records.Uuid | Sort-Object -Unique).Count | Should -Be 2500
        $requests = Get-LogRequest
        $requests.Count | Should -Be 3
        (ConvertFrom-Query $requests[0].query).Keys | Should -Not -Contain 'after'
        $requests[1..2] | ForEach-Object { (ConvertFrom-Query $_.query).after | Should -Not -BeNullOrEmpty }
    }

    It 'with -First stops requesting pages once it has enough' {
        @(Get-OktaEventHookLog -First 1500).Count | Should -Be 1500
        (Get-LogRequest).Count | Should -Be 2
        Clear-SandboxRequestLog
        @(Get-OktaEventHookLog -EventType event_hook.delivery -First 5).Count | Should -Be 5
        $requests = Get-LogRequest
        $requests.Count | Should -Be 1
        (ConvertFrom-Query $requests[0].query).limit | Should -Be '5'
    }

    It 'writes each page down the pipeline as it arrives' {
        # Select-Object -First stops the pipeline after the first record: no second page is asked for.
        $first = Get-OktaEventHookLog | Select-Object -First 1
        $first.HookId | Should -Be $hookId
        (Get-LogRequest).Count | Should -Be 1
    }

    It 'does not loop on a next link from an empty page (the polling trap)' {
        Set-SandboxLogBehaviour @{ alwaysNextLink = $true }
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript({
                param($Module, $Url, $Token)
                Import-Module $Module
                Connect-OktaOrg -OrgUrl $Url -ApiToken (ConvertTo-SecureString $Token -AsPlainText -Force)
                @(Get-OktaEventHookLog).Count
            }).AddArgument((Join-Path (Get-Module OktaEventHooks).ModuleBase 'OktaEventHooks.psd1')).AddArgument((Get-SandboxUrl)).AddArgument($env:OKTAEH_SANDBOX_TOKEN)
            $async = $shell.BeginInvoke()
            $finished = $async.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(60))
            if (-not $finished) { $shell.Stop() }
            $finished | Should -BeTrue -Because 'the command must end by itself'
            $shell.EndInvoke($async) | Should -Be 2500
        }
        finally { $shell.Dispose() }
        # Three pages of records, then one empty page that still linked on: not followed.
        (Get-LogRequest).Count | Should -Be 4
    }

    It 'refuses a next link to another origin, and sends nothing there' {
        # localhost is the same server under another name: had the link been followed, the sandbox would show it.
        Set-SandboxLogBehaviour @{ nextLinkBase = (Get-SandboxUrl).Replace('127.0.0.1', 'localhost') }
        $records = @(Get-OktaEventHookLog -ErrorAction SilentlyContinue -ErrorVariable failure)
        $failure.Count | Should -Be 1
        $failure[0].FullyQualifiedErrorId | Should -Be 'OktaUntrustedLink,OktaEventHooks.Commands.GetOktaEventHookLogCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'SecurityError'
        $failure[0].Exception.Message | Should -Match 'localhost'
        $records.Count | Should -Be 1000
        (Get-LogRequest).Count | Should -Be 1
    }

    It 'shows progress by how much of the time window has been read' {
        $records = Get-ProgressRecord { $null = Get-OktaEventHookLog -Since (Get-Date).AddHours(-21) }
        $records.Count | Should -Be 3
        $records[0].PercentComplete | Should -BeGreaterThan 0
        $records[0].PercentComplete | Should -BeLessThan $records[1].PercentComplete
        $records[1].PercentComplete | Should -BeLessThan 100
        $records[0].StatusDescription | Should -Match '^1000 records'
        $records[-1].RecordType | Should -Be 'Completed'
    }

    It 'shows no progress where no host shows it' {
        Get-ProgressRecord { $null = Get-OktaEventHookLog } -WithoutHost | Should -BeNullOrEmpty
    }

    It 'stops within 1 s of Ctrl+C while a page is being read' {
        $fault = @{ mode = 'hang'; seconds = 20; count = 1; method = 'GET'; pathPrefix = '/api/v1/logs' } | ConvertTo-Json
        $null = Invoke-RestMethod -Method Post -Uri "$(Get-SandboxUrl)/sandbox/faults" -Body $fault -ContentType 'application/json'
        $stop = Stop-WhenInFlight 'Get-OktaEventHookLog' "$(Get-SandboxUrl)/sandbox/logs/rate-limit"
        $stop.InFlight | Should -Be 1
        $stop.StopSeconds | Should -BeLessThan 1
        $stop.State | Should -Be 'Stopped'
    }
}

Describe 'Get-OktaEventHookLog: records read loosely' {
    BeforeEach {
        Reset-TestSandbox
        Connect-TestSandbox
    }

    It 'returns a record with unknown fields and one without target, not errors' {
        $at = (Get-Date).AddMinutes(-5)
        Add-SandboxLogRecord @(
            [ordered]@{ uuid = 'a0000000-0000-4000-8000-000000000001'; published = Format-Iso $at; eventType = 'event_hook.delivery'
                outcome = @{ result = 'FAILURE'; reason = 'brand new reason'; extra = 1 }; target = @(@{ id = 'whoLooseLooseLoose00'; type = 'NewKindOfTarget'; flavour = 'x' })
                inventedByOktaLater = @{ nested = @(1, 2, @{ deep = $true }) } }
            [ordered]@{ uuid = 'a0000000-0000-4000-8000-000000000002'; published = Format-Iso $at.AddSeconds(1); eventType = 'event_hook.verified'
                debugContext = @{ debugData = @{ webhooks = '[{"id":"whoLooseLooseLoose00","name":"Loose"}]' } } }
            [ordered]@{ published = Format-Iso $at.AddSeconds(2); eventType = 'event_hook.created'; actor = 'not an object'; outcome = $null; target = 'not an array' }
        )

        $records = @(Get-OktaEventHookLog -ErrorVariable failures)

        $failures | Should -BeNullOrEmpty
        $records.Count | Should -Be 3
        $records[0].Reason | Should -Be 'brand new reason'
        $records[0].HookId | Should -Be 'whoLooseLooseLoose00'
        $records[0].Raw.inventedByOktaLater.nested[2].deep | Should -BeTrue
        $records[0].Raw.target[0].flavour | Should -Be 'x'
        $records[1].HookId | Should -Be 'whoLooseLooseLoose00'
        $records[1].HookName | Should -Be 'Loose'
        $records[1].Outcome | Should -BeNullOrEmpty
        $records[2].Actor | Should -BeNullOrEmpty
        $records[2].HookId | Should -BeNullOrEmpty
        @(Get-OktaEventHookLog -Id whoLooseLooseLoose00).Count | Should -Be 2
    }

    It 'formats as a table of time, hook, outcome and reason; event type and actor in the list view' {
        $hook = New-TestHook -Name 'Tabled' -Uri (Get-ReceiverUri 'status/500' 'tabled')
        Test-OktaEventHook -Id $hook.Id -ErrorAction SilentlyContinue
        $records = Get-OktaEventHookLog -EventType event_hook.verified
        $text = $records | Format-Table | Out-String -Width 200
        $text | Should -Match 'Time\s+Hook\s+Outcome\s+Reason'
        $text | Should -Match 'Tabled\s+FAILURE\s+Verification failed: the endpoint answered HTTP 500'
        $list = $records | Format-List | Out-String -Width 200
        $list | Should -Match 'EventType\s+: event_hook.verified'
        $list | Should -Match 'Actor\s+: Sandbox Admin'
    }

    It 'gives the reason the room at <Width> columns: headers on one line, the reason whole or cut at the edge' -TestCases @(
        @{ Width = 80 }
        @{ Width = 120 }
    ) {
        $hook = New-TestHook -Name 'A hook with a fairly long name' -Uri (Get-ReceiverUri 'status/500' 'roomy')
        Test-OktaEventHook -Id $hook.Id -ErrorAction SilentlyContinue
        $lines = @((Get-OktaEventHookLog -EventType event_hook.verified | Format-Table | Out-String -Width $Width) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^Time\s+Hook\s+Outcome\s+Reason\s*$'
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual $Width }
        $row = $lines | Where-Object { $_ -match 'FAILURE' } | Select-Object -First 1
        $room = $Width - $lines[0].IndexOf('Reason')
        $room | Should -BeGreaterOrEqual ($Width - 55)
        $reason = $row.Substring($lines[0].IndexOf('Reason'))
        if ($Width -ge 120) { $reason | Should -Match '^Verification failed: the endpoint answered HTTP 500' }
        else { $reason | Should -Match '^Verification failed: the e' }
    }
}

Describe 'Get-OktaEventHookLog: permission and secrets' {
    BeforeEach { Reset-TestSandbox }

    It 'stops with E0000006 naming the scope okta.logs.read when the OAuth token lacks it' {
        $null = Connect-TestServiceApp -Granted 'okta.eventHooks.read' -Requested 'okta.eventHooks.read'
        # Not about one hook: it ends the command.
        $failure = Get-TerminatingError { Get-OktaEventHookLog }
        $failure.FullyQualifiedErrorId | Should -Be 'E0000006,OktaEventHooks.Commands.GetOktaEventHookLogCommand'
        $failure.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failure.ErrorDetails.RecommendedAction | Should -Match 'scope okta\.logs\.read'
    }

    It 'names the admin role an API token needs when its admin may not view the System Log' {
        Connect-TestSandbox
        Set-SandboxLogBehaviour @{ apiTokenMayRead = $false }
        $failure = Get-TerminatingError { Get-OktaEventHookLog }
        $failure.FullyQualifiedErrorId | Should -BeLike 'E0000006,*'
        $failure.ErrorDetails.RecommendedAction | Should -Match 'role that may read the System Log'
        $failure.ErrorDetails.RecommendedAction | Should -Match 'okta\.logs\.read'
    }

    It 'shows neither the API token nor a hook secret in any output, error or record' {
        Connect-TestSandbox
        $hook = New-TestHook -Name 'Secretive' -Uri (Get-ReceiverUri 'failing/503' 'secretive') -Secret 'Bearer hook-secret-42'
        $null = Test-OktaEventHook -Id $hook.Id
        $null = Send-SandboxEvent
        # A next link to elsewhere, so an error is in the text too.
        Set-SandboxLogBehaviour @{ alwaysNextLink = $true; nextLinkBase = 'http://localhost:1' }
        $text = & {
            Get-OktaEventHookLog -Verbose -Debug -ErrorAction Continue -ErrorVariable failure | Format-List *
            $failure | Format-List * -Force
        } *>&1 | Out-String -Width 400
        $text | Should -Match 'event_hook.delivery'
        $text | Should -Match 'OktaUntrustedLink'
        $text | Should -Not -Match ([regex]::Escape($env:OKTAEH_SANDBOX_TOKEN))
        $text | Should -Not -Match 'hook-secret-42'
    }
}

Describe 'The way to Get-OktaEventHookLog' {
    BeforeEach {
        Reset-TestSandbox
        Connect-TestSandbox
    }

    It 'a failed Test-OktaEventHook recommends Test-OktaEventHookEndpoint and Get-OktaEventHookLog for the hook' {
        $hook = New-TestHook -Uri (Get-ReceiverUri 'wrong' 'why')
        Test-OktaEventHook -Id $hook.Id -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].ErrorDetails.RecommendedAction | Should -Match 'Test-OktaEventHookEndpoint -Uri'
        $failure[0].ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape("Get-OktaEventHookLog -Id $($hook.Id) -EventType event_hook.verified"))
    }
}

Describe 'Get-OktaEventHookLog -EventType completion' {
    It 'completes the event-hook types and the quota records from memory, matching anywhere' {
        Reset-TestSandbox
        Clear-SandboxRequestLog
        $line = 'Get-OktaEventHookLog -EventType verif'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'event_hook.verified'
        $line = 'Get-OktaEventHookLog -EventType event_hook.'
        @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches).Count | Should -Be 7
        $line = 'Get-OktaEventHookLog -EventType rate_limit'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText |
            Should -Be @('system.operation.rate_limit.warning', 'system.operation.rate_limit.violation')
        Get-SandboxRequestLog | Should -BeNullOrEmpty
    }
}

Describe 'Rate-limit buckets' {
    BeforeEach {
        Reset-TestSandbox
        Connect-TestSandbox
    }

    It 'with the System Log bucket used up, Get-OktaEventHook does not wait' {
        $null = Invoke-RestMethod -Method Put -Uri "$(Get-SandboxUrl)/sandbox/logs/rate-limit" -Body '{"limit":1,"windowSeconds":60}' -ContentType 'application/json'
        $null = Get-OktaEventHookLog
        (Invoke-RestMethod "$(Get-SandboxUrl)/sandbox/logs/rate-limit").remaining | Should -Be 0
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $null = Get-OktaEventHook
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 5
        @(Get-SandboxRequestLog | Where-Object status -ne 200) | Should -BeNullOrEmpty
    }

    It 'with the event-hook bucket used up, Get-OktaEventHookLog does not wait' {
        $null = Invoke-RestMethod -Method Put -Uri "$(Get-SandboxUrl)/sandbox/rate-limit" -Body '{"limit":1,"windowSeconds":60}' -ContentType 'application/json'
        $null = Get-OktaEventHook
        (Invoke-RestMethod "$(Get-SandboxUrl)/sandbox/rate-limit").remaining | Should -Be 0
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $null = Get-OktaEventHookLog
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 5
        @(Get-SandboxRequestLog | Where-Object status -ne 200) | Should -BeNullOrEmpty
    }
}
