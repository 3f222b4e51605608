# Part of build.ps1 bench (called by tools/Bench.ps1 against its sandbox): Send-OktaEventHookEvent resending -Events
# System Log events to a loopback receiver, against a hand-written Invoke-RestMethod loop doing the same (page through
# the System Log by its next links, batch the events, wrap each batch in Okta's envelope, POST it with the hook's
# headers). Speed in records per second, rounds alternating; memory in processes of their own. Returns a hashtable.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Url,
    [Parameter(Mandatory)] [string] $Token,
    [int] $Events = 10000,
    [int] $Rounds = 3
)
$ErrorActionPreference = 'Stop'

$connect = "Connect-OktaOrg -OrgUrl '$Url' -ApiToken (ConvertTo-SecureString '$Token' -AsPlainText -Force)"

# The org: one hook on the sandbox's receiver (a custom header, no filter) and -Events user.lifecycle.create records
# spread over an hour that ended an hour ago. The window read is the three hours around it.
$setup = & dotnet pwsh -NoProfile -NonInteractive -c @"
`$ErrorActionPreference = 'Stop'
`$null = Invoke-RestMethod -Method Post -Uri '$Url/sandbox/reset'
`$null = Invoke-RestMethod -Method Put -Uri '$Url/sandbox/logs/rate-limit' -ContentType 'application/json' -Body '{"limit":1000000}'
Import-Module '$ModulePath'
$connect
`$hook = New-OktaEventHook -Name 'Resend bench' -Uri '$Url/receiver/ok/resend-bench' -EventType user.lifecycle.create -Header @{ 'X-Tenant' = 'bench' }
`$now = [DateTimeOffset]::UtcNow
`$iso = { param(`$t) `$t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", [cultureinfo]::InvariantCulture) }
`$body = @{ count = $Events; since = (& `$iso `$now.AddHours(-2)); until = (& `$iso `$now.AddHours(-1)); eventType = 'user.lifecycle.create'; outcome = 'SUCCESS' } | ConvertTo-Json
`$null = Invoke-RestMethod -Method Post -Uri '$Url/sandbox/logs/synthetic' -ContentType 'application/json' -Body `$body
@{ HookId = `$hook.Id; Since = `$now.AddHours(-3).ToString('o'); Until = `$now.ToString('o') } | ConvertTo-Json -Compress
"@ | Select-Object -Last 1 | ConvertFrom-Json

# The same code for the speed rounds and the memory runs: $module and $loop each resend the whole window once.
$common = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
$connect
`$since = [DateTimeOffset]::Parse('$($setup.Since)', [cultureinfo]::InvariantCulture).LocalDateTime
`$until = [DateTimeOffset]::Parse('$($setup.Until)', [cultureinfo]::InvariantCulture).LocalDateTime
`$iso = { param(`$t) `$t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", [cultureinfo]::InvariantCulture) }
`$oktaHeaders = @{ Authorization = 'SSWS $Token'; Accept = 'application/json' }
`$receiverHeaders = @{ Accept = 'application/json'; 'User-Agent' = 'Okta-Integrations'; 'X-Tenant' = 'bench'; 'X-OktaEventHooks-Resend' = 'true' }
function Clear-Receiver { `$null = Invoke-RestMethod -Method Delete -Uri '$Url/sandbox/receiver/requests' }
function Get-ReceivedCount { `$all = Invoke-RestMethod -Uri '$Url/sandbox/receiver/requests'; (@(`$all | ForEach-Object { @((`$_.body | ConvertFrom-Json).data.events).Count }) | Measure-Object -Sum).Sum }
`$module = { `$null = Send-OktaEventHookEvent -Id '$($setup.HookId)' -Since `$since -Until `$until -Confirm:`$false }
`$loop = {
    `$next = '$Url/api/v1/logs?since=' + (& `$iso `$since) + '&until=' + (& `$iso `$until) + '&limit=1000&sortOrder=ASCENDING&filter=' + [uri]::EscapeDataString('eventType eq "user.lifecycle.create"')
    `$batch = [System.Collections.Generic.List[object]]::new()
    `$send = {
        `$envelope = [ordered]@{
            eventType = 'com.okta.event_hook'; eventTypeVersion = '1.0'; cloudEventsVersion = '0.1'
            source = '$Url/api/v1/eventHooks/$($setup.HookId)'; eventId = [guid]::NewGuid().ToString()
            eventTime = (& `$iso ([datetime]::UtcNow)); contentType = 'application/json'; data = @{ events = `$batch.ToArray() }
        }
        `$null = Invoke-RestMethod -Method Post -Uri '$Url/receiver/ok/resend-bench' -Headers `$receiverHeaders -ContentType 'application/json' -Body (`$envelope | ConvertTo-Json -Depth 20 -Compress)
        `$batch.Clear()
    }
    while (`$next) {
        `$page = Invoke-RestMethod -Uri `$next -Headers `$oktaHeaders -ResponseHeadersVariable answer
        foreach (`$event in `$page) { `$batch.Add(`$event); if (`$batch.Count -eq 50) { & `$send } }
        `$link = @(`$answer['Link']) | Where-Object { `$_ -match 'rel="next"' } | Select-Object -First 1
        `$next = if (`$link) { [regex]::Match(`$link, '<([^>]+)>').Groups[1].Value } else { `$null }
    }
    if (`$batch.Count) { & `$send }
}
"@

Write-Host "Resend: $Events System Log events to a loopback receiver, module and Invoke-RestMethod loop alternating, $Rounds rounds"
$speed = & dotnet pwsh -NoProfile -NonInteractive -c @"
$common
function Time([scriptblock] `$block) { Clear-Receiver; `$c = [Diagnostics.Stopwatch]::StartNew(); & `$block; `$s = `$c.Elapsed.TotalSeconds; @{ Seconds = `$s; Received = Get-ReceivedCount } }
`$moduleRuns = @(); `$loopRuns = @()
foreach (`$round in 1..$Rounds) {
    `$moduleRuns += Time `$module
    `$loopRuns += Time `$loop
}
Clear-Receiver
@{ Module = `$moduleRuns; Loop = `$loopRuns } | ConvertTo-Json -Compress -Depth 4
"@ | Select-Object -Last 1 | ConvertFrom-Json

# Memory: each way in a fresh process, after a warm-up resend and a collection; the growth is the highest working set
# of the run (the process's peak, which only rises) less the working set before it.
function Measure-Memory([string] $Way) {
    & dotnet pwsh -NoProfile -NonInteractive -c @"
$common
& `$$Way
Clear-Receiver
[GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
`$process = [Diagnostics.Process]::GetCurrentProcess(); `$process.Refresh()
`$before = `$process.WorkingSet64
& `$$Way
`$process.Refresh()
`$peak = `$process.PeakWorkingSet64
`$received = Get-ReceivedCount
Clear-Receiver
@{ Before = `$before; Peak = `$peak; Received = `$received } | ConvertTo-Json -Compress
"@ | Select-Object -Last 1 | ConvertFrom-Json
}
$moduleMemory = Measure-Memory module
$loopMemory = Measure-Memory loop

$median = {
    param([double[]] $Values)
    $sorted = $Values | Sort-Object
    $middle = [math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
}
$moduleSeconds = & $median @($speed.Module | ForEach-Object Seconds)
$loopSeconds = & $median @($speed.Loop | ForEach-Object Seconds)
@{
    resendEvents                   = $Events
    resendModuleReceived           = @($speed.Module | ForEach-Object Received)
    resendLoopReceived             = @($speed.Loop | ForEach-Object Received)
    resendModuleSeconds            = $moduleSeconds
    resendLoopSeconds              = $loopSeconds
    resendModuleRecordsPerSecond   = [math]::Round($Events / $moduleSeconds)
    resendLoopRecordsPerSecond     = [math]::Round($Events / $loopSeconds)
    resendSpeedup                  = $loopSeconds / $moduleSeconds
    resendModuleWorkingSetBeforeMB = [math]::Round($moduleMemory.Before / 1MB, 1)
    resendModuleWorkingSetGrowthMB = [math]::Round([math]::Max(0, $moduleMemory.Peak - $moduleMemory.Before) / 1MB, 1)
    resendLoopWorkingSetBeforeMB   = [math]::Round($loopMemory.Before / 1MB, 1)
    resendLoopWorkingSetGrowthMB   = [math]::Round([math]::Max(0, $loopMemory.Peak - $loopMemory.Before) / 1MB, 1)
    resendMemoryReceived           = @($moduleMemory.Received, $loopMemory.Received)
    resendRaw                      = @{ speed = $speed; moduleMemory = $moduleMemory; loopMemory = $loopMemory }
}
