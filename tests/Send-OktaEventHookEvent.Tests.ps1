# Send-OktaEventHookEvent: a receiver is down for a while, events happen meanwhile, the receiver comes back; the resend
# is judged by what the receiver holds afterwards (the sandbox's receiver keeps every request and the status it answered)
# compared with what was posted to the sandbox, whose System Log holds every posted event.
BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox

    $script:Secret = 'Bearer resend-secret-7f3a'
    $script:SalesFilter = "event.target.?[type eq 'UserGroup' && displayName eq 'Sales'].size() > 0"

    function Set-ReceiverSwitch([string] $Name, [object[]] $Answers) {
        $body = @{ answers = $Answers } | ConvertTo-Json -Compress
        $null = Invoke-RestMethod -Method Put -Uri "$(Get-SandboxUrl)/sandbox/receiver/switch/$Name" -Body $body -ContentType 'application/json'
    }
    # Posts one event to the sandbox org (System Log first, then delivery) and returns it as logged.
    function Send-OrgEvent([string] $EventType, [string] $Group) {
        $event = @{ eventType = $EventType }
        if ($Group) { $event.target = @(@{ type = 'User'; displayName = 'Jo Doe' }, @{ type = 'UserGroup'; displayName = $Group }) }
        (Invoke-RestMethod -Method Post -Uri "$(Get-SandboxUrl)/sandbox/events" -Body ($event | ConvertTo-Json -Depth 5) -ContentType 'application/json').event
    }
    # ConvertFrom-Json reads Okta's ISO times as DateTime (UTC); messages write them as Okta does, with milliseconds.
    function Get-PublishedTime($LoggedEvent) { ([datetime]$LoggedEvent.published).ToLocalTime() }
    function Get-PublishedIso($LoggedEvent) { (Get-PublishedTime $LoggedEvent).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", [cultureinfo]::InvariantCulture) }
    # The POSTs the switch's receiver got (answered with any status), oldest first.
    function Get-ReceiverPost([string] $Name) { @(Get-ReceiverRequestLog | Where-Object { $_.method -eq 'POST' -and $_.path -eq "/receiver/switch/$Name" }) }
    # The events the receiver accepted (answered 2xx), in the order it got them.
    function Get-KeptEvent([string] $Name) {
        foreach ($post in Get-ReceiverPost $Name | Where-Object { $_.answered -ge 200 -and $_.answered -lt 300 }) { ($post.body | ConvertFrom-Json).data.events }
    }
    function New-ResendHook([string] $Name, [string] $Switch, [switch] $WithSecret) {
        $params = @{
            Name = $Name; Uri = (Get-ReceiverUri switch $Switch); EventType = 'user.lifecycle.deactivate', 'group.user_membership.add'
            Header = @{ 'X-Tenant' = 'emea-01' }; Filter = @{ 'group.user_membership.add' = $SalesFilter }
        }
        if ($WithSecret) { $params.Secret = $Secret }
        $hook = New-TestHook @params
        $null = Test-OktaEventHook -Id $hook.Id
        $hook
    }
    # The outage: one event before it, five while the receiver answers 503 (two subscribed deactivations, a Sales and a
    # Marketing membership, an unsubscribed create), one after it is back.
    function Invoke-Outage([string] $Switch) {
        $outage = [ordered]@{}
        $outage.Before = Send-OrgEvent user.lifecycle.deactivate
        Set-ReceiverSwitch $Switch 503
        $outage.First = Send-OrgEvent user.lifecycle.deactivate
        $outage.Sales = Send-OrgEvent group.user_membership.add Sales
        $outage.Marketing = Send-OrgEvent group.user_membership.add Marketing
        $outage.Create = Send-OrgEvent user.lifecycle.create
        $outage.Last = Send-OrgEvent user.lifecycle.deactivate
        Set-ReceiverSwitch $Switch 200
        $outage.After = Send-OrgEvent user.lifecycle.deactivate
        $outage.Since = Get-PublishedTime $outage.First
        $outage.Until = (Get-PublishedTime $outage.Last).AddMilliseconds(1)
        [pscustomobject]$outage
    }
    # Runs $Script in a child pwsh whose runspace shares its host, waits until the switch's receiver has $Posts POSTs
    # and has held the last one for $HeldSeconds (long enough for the command to show that it waits), then presses
    # Ctrl+C (PowerShell.Stop) and returns everything the host showed.
    function Stop-WhenReceiverHas([string] $Switch, [int] $Posts, [string] $Script, [double] $HeldSeconds = 1.5) {
        $module = Join-Path (Get-Module OktaEventHooks).ModuleBase 'OktaEventHooks.psd1'
        $connect = "Import-Module '$module'; Connect-OktaOrg -OrgUrl '$(Get-SandboxUrl)' -ApiToken (ConvertTo-SecureString '$($env:OKTAEH_SANDBOX_TOKEN)' -AsPlainText -Force)"
        $child = @"
`$runspace = [runspacefactory]::CreateRunspace(`$Host); `$runspace.Open()
`$shell = [powershell]::Create(); `$shell.Runspace = `$runspace
`$null = `$shell.AddScript({ $connect }).Invoke()
`$shell.Commands.Clear()
`$null = `$shell.AddScript({ $Script })
`$null = `$shell.BeginInvoke()
`$deadline = [datetime]::UtcNow.AddSeconds(20)
do {
    Start-Sleep -Milliseconds 50
    `$all = Invoke-RestMethod '$(Get-SandboxUrl)/sandbox/receiver/requests'
    `$received = @(`$all | Where-Object { `$_.method -eq 'POST' -and `$_.path -eq '/receiver/switch/$Switch' })
    `$posts = `$received.Count
    `$held = `$posts -ge $Posts -and ([datetime]::UtcNow - ([datetime]`$received[-1].time).ToUniversalTime()).TotalSeconds -ge $HeldSeconds
}
until (`$held -or [datetime]::UtcNow -gt `$deadline)
`$shell.Stop()
"STOPPED after `$posts POSTs"
`$shell.Streams.Error | Out-String
"@
        (Invoke-ChildPwsh @('-Command', $child)).Output
    }
}
AfterAll {
    Reset-TestSandbox
    Stop-TestSandbox
}

Describe 'Send-OktaEventHookEvent after an outage' {
    BeforeEach {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:hook = New-ResendHook 'HR sync' hr -WithSecret
        $script:outage = Invoke-Outage hr
        Clear-ReceiverRequestLog
    }

    It 'delivers exactly the subscribed events of the window that the filter passes, each once, oldest first' {
        $result = Send-OktaEventHookEvent -Id $hook.Id -Since $outage.Since -Until $outage.Until -AuthHeaderValue (ConvertTo-SecureString $Secret -AsPlainText -Force) -Confirm:$false

        @(Get-KeptEvent hr).uuid | Should -Be @($outage.First.uuid, $outage.Sales.uuid, $outage.Last.uuid)
        $result.EventsFound | Should -Be 4
        $result.EventsFilteredOut | Should -Be 1
        $result.EventsSent | Should -Be 3
        $result.Result | Should -Be 'Completed'
        $result.LastEventTime | Should -Be (Get-PublishedTime $outage.Last)
    }

    It 'sends each event exactly as the System Log holds it, in Okta''s envelope, with the hook''s headers and a resend marker' {
        $null = Send-OktaEventHookEvent -Id $hook.Id -Since $outage.Since -Until $outage.Until -AuthHeaderValue (ConvertTo-SecureString $Secret -AsPlainText -Force) -Confirm:$false

        $posts = Get-ReceiverPost hr
        $posts.Count | Should -Be 1
        $post = $posts[0]
        $post.headers.'Authorization' | Should -Be $Secret
        $post.headers.'X-Tenant' | Should -Be 'emea-01'
        $post.headers.'X-OktaEventHooks-Resend' | Should -Be 'true'
        $post.headers.'User-Agent' | Should -Be 'Okta-Integrations'
        $post.headers.'Content-Type' | Should -Be 'application/json'
        $envelope = $post.body | ConvertFrom-Json
        $envelope.eventType | Should -Be 'com.okta.event_hook'
        $envelope.eventTypeVersion | Should -Be '1.0'
        $envelope.cloudEventsVersion | Should -Be '0.1'
        $envelope.contentType | Should -Be 'application/json'
        $envelope.source | Should -Be "$(Get-SandboxUrl)/api/v1/eventHooks/$($hook.Id)"
        [guid]::Parse($envelope.eventId) | Should -Not -BeNullOrEmpty
        $logged = Invoke-RestMethod -Uri "$(Get-SandboxUrl)/sandbox/logs"
        $asLogged = $logged | Where-Object uuid -eq $outage.Sales.uuid
        ($envelope.data.events[1] | ConvertTo-Json -Depth 20 -Compress) | Should -Be ($asLogged | ConvertTo-Json -Depth 20 -Compress)
    }

    It 'sends events outside the window, of other types or filtered out never' {
        $null = Send-OktaEventHookEvent -Id $hook.Id -Since $outage.Since -Until $outage.Until -AuthHeaderValue (ConvertTo-SecureString $Secret -AsPlainText -Force) -Confirm:$false

        $sent = @(Get-KeptEvent hr).uuid
        $sent | Should -Not -Contain $outage.Before.uuid
        $sent | Should -Not -Contain $outage.After.uuid
        $sent | Should -Not -Contain $outage.Create.uuid
        $sent | Should -Not -Contain $outage.Marketing.uuid
    }

    It 'sends batches of -BatchSize, each with its own envelope eventId' {
        $result = Send-OktaEventHookEvent -Id $hook.Id -Since $outage.Since -Until $outage.Until -AuthHeaderValue (ConvertTo-SecureString $Secret -AsPlainText -Force) -BatchSize 2 -Confirm:$false

        $posts = Get-ReceiverPost hr
        $posts.Count | Should -Be 2
        @(($posts[0].body | ConvertFrom-Json).data.events).Count | Should -Be 2
        @(($posts[1].body | ConvertFrom-Json).data.events).Count | Should -Be 1
        ($posts[0].body | ConvertFrom-Json).eventId | Should -Not -Be ($posts[1].body | ConvertFrom-Json).eventId
        $result.Batches | Should -Be 2
    }

    It '-EventType resends only those of the hook''s types' {
        $null = Send-OktaEventHookEvent -Id $hook.Id -Since $outage.Since -Until $outage.Until -EventType group.user_membership.add -AuthHeaderValue (ConvertTo-SecureString $Secret -AsPlainText -Force) -Confirm:$false

        @(Get-KeptEvent hr).uuid | Should -Be @($outage.Sales.uuid)
    }

    It '-WhatIf sends nothing and says how many events of which types would go where' {
        $text = Get-HostText { Send-OktaEventHookEvent -Id $hook.Id -Since $outage.Since -Until $outage.Until -WhatIf }

        Get-ReceiverPost hr | Should -BeNullOrEmpty
        $text | Should -Match 'What if: .*Resend 3 events to .*/receiver/switch/hr'
        $text | Should -Match 'group\.user_membership\.add ×2'
        $text | Should -Match 'user\.lifecycle\.deactivate ×2'
        $text | Should -Match '1 filtered out'
    }

    It 'refuses a hook with an auth header without -AuthHeaderValue, and sends nothing' {
        $failure = Get-TerminatingError { Send-OktaEventHookEvent -Id $hook.Id -Since $outage.Since -Until $outage.Until -Confirm:$false }

        $failure.FullyQualifiedErrorId | Should -Match '^AuthHeaderValueRequired'
        $failure.Exception.Message | Should -Match '-AuthHeaderValue'
        Get-ReceiverPost hr | Should -BeNullOrEmpty
    }

    It 'takes the hook by its name' {
        $null = Send-OktaEventHookEvent -Id 'HR sync' -Since $outage.Since -Until $outage.Until -AuthHeaderValue (ConvertTo-SecureString $Secret -AsPlainText -Force) -Confirm:$false

        @(Get-KeptEvent hr).Count | Should -Be 3
    }
}

Describe 'Send-OktaEventHookEvent when the receiver fails again' {
    BeforeEach {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:hook = New-ResendHook 'Flaky' flaky
        $script:outage = Invoke-Outage flaky
        Clear-ReceiverRequestLog
    }

    It 'gives a receiver answering 503 the first batch and one retry, then says where to resume' {
        Set-ReceiverSwitch flaky 503
        $failure = $null
        try { $null = Send-OktaEventHookEvent -Id $hook.Id -Since $outage.Since -Until $outage.Until -BatchSize 2 -Confirm:$false -OutVariable output }
        catch { $failure = $_ }

        $posts = Get-ReceiverPost flaky
        $posts.Count | Should -Be 2
        $posts[1].body | Should -Be $posts[0].body
        $failure.FullyQualifiedErrorId | Should -Match '^EventResendFailed'
        $failure.Exception.Message | Should -Match 'answered 503 on the retry too'
        $failure.Exception.Message | Should -Match 'No event was delivered'
        $since = [regex]::Escape((Get-PublishedIso $outage.First))
        $failure.ErrorDetails.RecommendedAction | Should -Match "Send-OktaEventHookEvent -Id $($hook.Id) -Since '$since' -Until '"
        $output.Result | Should -Be 'Failed'
    }

    It 'stops at once on a 400, after the batches delivered, and says the last one delivered' {
        Set-ReceiverSwitch flaky 200, 400
        $failure = Get-TerminatingError { Send-OktaEventHookEvent -Id $hook.Id -Since $outage.Since -Until $outage.Until -BatchSize 1 -Confirm:$false }

        (Get-ReceiverPost flaky).answered | Should -Be @(200, 400)
        $failure.Exception.Message | Should -Match "1 event was delivered in 1 batch, the last one published $([regex]::Escape((Get-PublishedIso $outage.First)))"
        $failure.ErrorDetails.RecommendedAction | Should -Match "-Since '$([regex]::Escape((Get-PublishedIso $outage.Sales)))'"
    }

    It 'never shows the auth header''s value, in any stream, when the receiver refuses it' {
        $hook = New-ResendHook 'Guarded' guarded -WithSecret
        $outage = Invoke-Outage guarded
        Set-ReceiverSwitch guarded 401
        $text = Get-HostText {
            try { Send-OktaEventHookEvent -Id $hook.Id -Since $outage.Since -Until $outage.Until -AuthHeaderValue (ConvertTo-SecureString $Secret -AsPlainText -Force) -Confirm:$false -Verbose *>&1 }
            catch { $_ | Format-List * -Force | Out-String; $_.ErrorDetails.RecommendedAction }
        }

        (Get-ReceiverPost guarded | Select-Object -Last 1).headers.Authorization | Should -Be $Secret
        $text | Should -Match 'answered 401'
        $text | Should -Not -Match ([regex]::Escape('resend-secret-7f3a'))
    }

    It 'tells the last delivered event and how to resume when Ctrl+C stops it mid-run' {
        Set-ReceiverSwitch flaky 200, 'hang'
        $text = Stop-WhenReceiverHas flaky 2 "Send-OktaEventHookEvent -Id $($hook.Id) -Since '$(Get-PublishedIso $outage.First)' -Until '$(Get-PublishedIso $outage.Last)' -BatchSize 1 -Confirm:`$false"

        $text | Should -Match 'STOPPED after 2 POSTs'
        $text | Should -Match "Stopped: The resend to .*/receiver/switch/flaky .* was stopped\. 1 event was delivered in 1 batch, the last one published $([regex]::Escape((Get-PublishedIso $outage.First)))"
        $text | Should -Match 'A batch of 1 event from .* was in flight and may or may not have arrived'
        $text | Should -Match "To resend the rest: Send-OktaEventHookEvent -Id $($hook.Id) -Since '$([regex]::Escape((Get-PublishedIso $outage.Sales)))'"
    }
}

Describe 'Send-OktaEventHookEvent for several hooks and bad input' {
    BeforeEach {
        Reset-TestSandbox
        Connect-TestSandbox
    }

    It 'resends each piped hook''s events to its own endpoint' {
        $one = New-ResendHook 'Pipe one' one
        $two = New-ResendHook 'Pipe two' two
        Set-ReceiverSwitch one 503
        Set-ReceiverSwitch two 503
        $first = Send-OrgEvent user.lifecycle.deactivate
        $last = Send-OrgEvent user.lifecycle.deactivate
        Set-ReceiverSwitch one 200
        Set-ReceiverSwitch two 200
        Clear-ReceiverRequestLog

        $results = Get-OktaEventHook -Name 'Pipe*' | Send-OktaEventHookEvent -Since (Get-PublishedTime $first) -Until (Get-PublishedTime $last).AddMilliseconds(1) -Confirm:$false

        $results.HookId | Sort-Object | Should -Be (@($one.Id, $two.Id) | Sort-Object)
        @(Get-KeptEvent one).uuid | Should -Be @($first.uuid, $last.uuid)
        @(Get-KeptEvent two).uuid | Should -Be @($first.uuid, $last.uuid)
        (Get-ReceiverPost one | Select-Object -First 1).body | ConvertFrom-Json | ForEach-Object source | Should -Match "$($one.Id)$"
        (Get-ReceiverPost two | Select-Object -First 1).body | ConvertFrom-Json | ForEach-Object source | Should -Match "$($two.Id)$"
    }

    It 'refuses a window older than the System Log keeps before any call' {
        Clear-SandboxRequestLog
        $failure = Get-TerminatingError { Send-OktaEventHookEvent -Id whoAAAAAAAAAAAAAAAAA -Since (Get-Date).AddDays(-91) -Until (Get-Date) -Confirm:$false }

        $failure.FullyQualifiedErrorId | Should -Match '^InvalidParameter\.Since'
        $failure.Exception.Message | Should -Match '90 days'
        Get-SandboxRequestLog | Should -BeNullOrEmpty
    }

    It 'refuses -EventType the hook does not subscribe to, naming what is allowed, and sends nothing' {
        $hook = New-ResendHook 'Types' types
        Clear-ReceiverRequestLog
        $failure = Get-TerminatingError { Send-OktaEventHookEvent -Id $hook.Id -Since (Get-Date).AddHours(-1) -Until (Get-Date) -EventType user.lifecycle.create -Confirm:$false }

        $failure.FullyQualifiedErrorId | Should -Match '^InvalidParameter\.EventType'
        $failure.Exception.Message | Should -Match 'user\.lifecycle\.create is not subscribed'
        $failure.Exception.Message | Should -Match 'user\.lifecycle\.deactivate'
        Get-ReceiverPost types | Should -BeNullOrEmpty
    }

    It 'refuses a filter it cannot evaluate, quoting it, and sends nothing' {
        $hook = New-TestHook -Name 'Odd filter' -Uri (Get-ReceiverUri switch odd) -EventType group.user_membership.add -Filter @{ 'group.user_membership.add' = "event.target.?[displayName.startsWith('Sa')].size() > 0" }
        $null = Test-OktaEventHook -Id $hook.Id
        $null = Send-OrgEvent group.user_membership.add Sales
        Clear-ReceiverRequestLog

        $failure = Get-TerminatingError { Send-OktaEventHookEvent -Id $hook.Id -Since (Get-Date).AddHours(-1) -Until (Get-Date).AddMinutes(1) -Confirm:$false }

        $failure.FullyQualifiedErrorId | Should -Match '^EventHookFilterNotEvaluable'
        $failure.Exception.Message | Should -Match ([regex]::Escape("event.target.?[displayName.startsWith('Sa')].size() > 0"))
        Get-ReceiverPost odd | Should -BeNullOrEmpty
    }
}

Describe 'Send-OktaEventHookEvent at the prompt' {
    BeforeEach {
        Reset-TestSandbox
        Connect-TestSandbox
    }

    It 'shows progress by how much of the window is done, and completes it' {
        $hook = New-TestHook -Name 'Big window' -Uri (Get-ReceiverUri ok big) -EventType user.lifecycle.deactivate
        $now = [DateTimeOffset]::UtcNow
        $iso = { param($t) $t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", [cultureinfo]::InvariantCulture) }
        $range = @{ count = 1500; since = (& $iso $now.AddHours(-2)); until = (& $iso $now.AddHours(-1)); eventType = 'user.lifecycle.deactivate'; outcome = 'SUCCESS' } | ConvertTo-Json
        $null = Invoke-RestMethod -Method Post -Uri "$(Get-SandboxUrl)/sandbox/logs/synthetic" -Body $range -ContentType 'application/json'

        $records = Get-ProgressRecord {
            param($Id, $Since, $Until)
            $null = Send-OktaEventHookEvent -Id $Id -Since $Since -Until $Until -Confirm:$false
        } -Arguments $hook.Id, $now.AddHours(-3).LocalDateTime, $now.LocalDateTime

        $resend = @($records | Where-Object Activity -eq 'Resending events to Big window')
        $resend.Count | Should -BeGreaterThan 2
        $resend[0].PercentComplete | Should -BeGreaterThan 0
        $resend[0].PercentComplete | Should -BeLessThan 100
        $resend[0].StatusDescription | Should -Match '^1000 records, read up to .*; 50 events sent in 1 batch$'
        $resend[-2].StatusDescription | Should -Match '1000 events sent in 20 batches$'
        $resend[-1].RecordType | Should -Be 'Completed'
    }
}
