# build.ps1 bench: speed as ratios against baselines measured in the same run. Writes out/bench/bench.md and bench.json.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SandboxDll,
    [Parameter(Mandatory)] [string] $OutputPath,
    [Parameter(Mandatory)] [string] $PackagesPath,
    [int] $ProcessRuns = 11,
    [int] $Calls = 1500,
    [int] $CallBlock = 25,
    [int] $WarmupCalls = 6000,
    [int] $PerCallRuns = 5,
    [int] $SystemLogRecords = 100000,
    [int] $SystemLogRounds = 3,
    [int] $ResendEvents = 10000,
    [int] $ResendRounds = 3
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'Sandbox.psm1')
Import-Module (Join-Path $PSScriptRoot 'ReadyToRunPwsh.psm1')
$null = New-Item -ItemType Directory -Path $OutputPath -Force

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $middle = [math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
}

# Wall time of a whole `pwsh -NoProfile -c <command>` process, in ms: the pinned dotnet tool (`dotnet pwsh`), or
# another PowerShell's pwsh.dll (`dotnet <path>`).
function Measure-Pwsh([string] $Command, [string] $Pwsh = 'pwsh') {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    & dotnet $Pwsh -NoProfile -NonInteractive -c $Command | Out-Null
    if ($LASTEXITCODE) { throw "pwsh -c '$Command' failed ($LASTEXITCODE)" }
    $clock.Elapsed.TotalMilliseconds
}

# The floor of import: the smallest binary module with what ours has (a manifest, a cmdlet, a format view), built
# here, so the run shows how much of the import cost any such module pays on this machine.
function New-FloorModule([string] $Path) {
    $folder = New-Item -ItemType Directory -Force -Path (Join-Path $Path 'FloorModule')
    $dll = Join-Path $folder 'FloorModule.dll'
    if (-not (Test-Path -LiteralPath $dll)) {
        Add-Type -OutputAssembly $dll -OutputType Library -TypeDefinition @'
using System.Management.Automation;
namespace FloorModule
{
    public sealed class FloorItem { public string Name { get; set; } }

    [Cmdlet(VerbsCommon.Get, "FloorItem")]
    public sealed class GetFloorItemCommand : PSCmdlet
    {
        protected override void ProcessRecord() { WriteObject(new FloorItem { Name = "floor" }); }
    }
}
'@
    }
    Set-Content -LiteralPath (Join-Path $folder 'FloorModule.Format.ps1xml') -Encoding utf8 -Value @'
<?xml version="1.0" encoding="utf-8"?>
<Configuration><ViewDefinitions><View><Name>FloorItem</Name><ViewSelectedBy><TypeName>FloorModule.FloorItem</TypeName></ViewSelectedBy>
<TableControl><TableHeaders><TableColumnHeader /></TableHeaders><TableRowEntries><TableRowEntry><TableColumnItems>
<TableColumnItem><PropertyName>Name</PropertyName></TableColumnItem></TableColumnItems></TableRowEntry></TableRowEntries></TableControl></View></ViewDefinitions></Configuration>
'@
    Set-Content -LiteralPath (Join-Path $folder 'FloorModule.psd1') -Encoding utf8 -Value @"
@{ RootModule = 'FloorModule.dll'; ModuleVersion = '1.0.0'; GUID = '$([guid]::NewGuid())'; FormatsToProcess = @('FloorModule.Format.ps1xml'); CmdletsToExport = @('Get-FloorItem'); FunctionsToExport = @(); VariablesToExport = @(); AliasesToExport = @() }
"@
    Join-Path $folder 'FloorModule.psd1'
}
$floorModule = New-FloorModule -Path $OutputPath

# A bucket far above what the benchmark sends, so only the code is measured.
$sandbox = Start-OktaSandbox -SandboxDll $SandboxDll -ExtraArguments '--rate-limit', '1000000'
try {
    $url = $sandbox.BaseUrl
    $token = $sandbox.ApiToken
    $connect = "Connect-OktaOrg -OrgUrl '$url' -ApiToken (ConvertTo-SecureString '$token' -AsPlainText -Force)"
    $results = [ordered]@{}

    # Start-up on two PowerShells: the pinned dotnet tool, IL only, and the same version compiled ReadyToRun as
    # PowerShell's installers ship it (tools/ReadyToRunPwsh.psm1 says why both).
    $pwshKinds = [ordered]@{ tool = 'pwsh'; installed = (Get-ReadyToRunPwsh -OutputPath $OutputPath -RepoRoot (Split-Path -Parent $PSScriptRoot) -PackagesPath $PackagesPath) }
    $startup = [ordered]@{}
    foreach ($kind in $pwshKinds.Keys) {
        $pwsh = $pwshKinds[$kind]
        # A compiled pwsh starts in a third of the time, so its medians move more with the machine's noise (10 ms is 4 %
        # of its bare start): it gets three times the runs, in about the same time.
        $runs = if ($kind -eq 'tool') { $ProcessRuns } else { 3 * $ProcessRuns }
        Write-Host "Process start-up on the $kind pwsh: $runs runs each (bare, import of the floor module, import, first call), interleaved"
        $bare = @(); $floor = @(); $import = @(); $first = @()
        $null = Measure-Pwsh 'exit' $pwsh   # warm the disk cache
        $null = Measure-Pwsh "Import-Module '$floorModule'; Import-Module '$ModulePath'" $pwsh
        for ($i = 0; $i -lt $runs; $i++) {
            $bare += Measure-Pwsh 'exit' $pwsh
            $floor += Measure-Pwsh "Import-Module '$floorModule'" $pwsh
            $import += Measure-Pwsh "Import-Module '$ModulePath'" $pwsh
            $first += Measure-Pwsh "Import-Module '$ModulePath'; $connect; `$null = Get-OktaEventHook" $pwsh
        }
        $bareMs = Get-Median $bare
        $startup[$kind] = [ordered]@{
            bareStartMs = $bareMs
            importOverheadMs = (Get-Median $import) - $bareMs
            importRatio = [math]::Round((Get-Median $import) / $bareMs, 3)
            floorImportOverheadMs = (Get-Median $floor) - $bareMs
            floorImportRatio = [math]::Round((Get-Median $floor) / $bareMs, 3)
            firstCallOverheadMs = (Get-Median $first) - $bareMs
            raw = @{ bareMs = $bare; floorImportMs = $floor; importMs = $import; firstCallMs = $first }
        }
    }
    $results.startup = $startup

    Write-Host "Per call: $Calls calls each way in each of $PerCallRuns processes, interleaved in blocks of $CallBlock (order rotating), after a warm-up of $WarmupCalls each way"
    $perCall = foreach ($run in 1..$PerCallRuns) { & dotnet pwsh -NoProfile -NonInteractive -c @"
`$ErrorActionPreference = 'Stop'
`$afterStart = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
Import-Module '$ModulePath'
$connect
`$afterImport = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
`$hook = New-OktaEventHook -Name "bench-$run" -Uri '$url/receiver/ok/bench' -EventType user.lifecycle.create
`$uri = '$url/api/v1/eventHooks/' + `$hook.Id
`$headers = @{ Authorization = 'SSWS $token'; Accept = 'application/json' }
`$http = [Net.Http.HttpClient]::new()
`$null = `$http.DefaultRequestHeaders.TryAddWithoutValidation('Authorization', 'SSWS $token')
`$paths = [ordered]@{
    Module = { for (`$i = 0; `$i -lt $CallBlock; `$i++) { `$null = Get-OktaEventHook -Id `$hook.Id } }
    Irm = { for (`$i = 0; `$i -lt $CallBlock; `$i++) { `$null = Invoke-RestMethod -Uri `$uri -Headers `$headers } }
    Raw = { for (`$i = 0; `$i -lt $CallBlock; `$i++) { `$null = `$http.GetStringAsync(`$uri).GetAwaiter().GetResult() | ConvertFrom-Json } }
}
# The paths take turns block by block, each block's first path changing, so what drifts in the process over time
# (.NET compiling hot code again after its first calls, collections, the sandbox warming up) falls on all of them
# alike. The warm-up runs the same turns unmeasured, long enough for .NET to finish recompiling the hot code (its
# background compiler was still busy seconds into the calls): after a warm-up of as many calls as are measured,
# processes gave 1.3x-1.5x and their thirds of turns differed by up to 0.4 (1.64, 1.24, 1.28); after four times as
# many, 1.12x-1.13x with thirds within 0.05. The table shows the first and last thirds, to tell.
`$names = @(`$paths.Keys)
`$ms = @{}; foreach (`$name in `$names) { `$ms[`$name] = [Collections.Generic.List[double]]::new() }
foreach (`$measured in `$false, `$true) {
    `$calls = if (`$measured) { $Calls } else { $WarmupCalls }
    `$blocks = [math]::Ceiling(`$calls / $CallBlock)
    for (`$b = 0; `$b -lt `$blocks; `$b++) {
        for (`$turn = 0; `$turn -lt `$names.Count; `$turn++) {
            `$name = `$names[(`$b + `$turn) % `$names.Count]
            `$clock = [Diagnostics.Stopwatch]::StartNew()
            & `$paths[`$name]
            if (`$measured) { `$ms[`$name].Add(`$clock.Elapsed.TotalMilliseconds / $CallBlock) }
        }
    }
}
@{ Module = `$ms.Module; Irm = `$ms.Irm; Raw = `$ms.Raw; PeakStart = `$afterStart; PeakImport = `$afterImport; PeakCalls = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 } | ConvertTo-Json -Compress
"@ | Select-Object -Last 1 | ConvertFrom-Json }
    # A ratio per turn of blocks (the paths ran back to back, so the machine was the same for all of them), its median
    # per process, and the median of those over the processes: one slow block or one noisy process moves nothing (on
    # two cores shared with the sandbox, single processes of the same code measured from 0.9x to 1.6x).
    $turnRatio = { param($run, $baseline) Get-Median @(for ($k = 0; $k -lt $run.Module.Count; $k++) { $run.Module[$k] / $run.$baseline[$k] }) }
    $results.moduleMsPerCall = Get-Median @($perCall | ForEach-Object { $_.Module })
    $results.invokeRestMethodMsPerCall = Get-Median @($perCall | ForEach-Object { $_.Irm })
    $results.httpClientMsPerCall = Get-Median @($perCall | ForEach-Object { $_.Raw })
    $results.ratiosToHttpClientPerProcess = @($perCall | ForEach-Object { [math]::Round((& $turnRatio $_ 'Raw'), 3) })
    # Whether the warm-up was long enough: the ratio in the first and in the last third of each process's turns.
    $thirdRatio = { param($run, $third) $n = [math]::Floor($run.Module.Count / 3); Get-Median @(for ($k = $third * $n; $k -lt ($third + 1) * $n; $k++) { $run.Module[$k] / $run.Raw[$k] }) }
    $results.ratioToHttpClientFirstThird = Get-Median @($perCall | ForEach-Object { & $thirdRatio $_ 0 })
    $results.ratioToHttpClientLastThird = Get-Median @($perCall | ForEach-Object { & $thirdRatio $_ 2 })
    $results.ratioToInvokeRestMethod = Get-Median @($perCall | ForEach-Object { & $turnRatio $_ 'Irm' })
    $results.ratioToHttpClient = Get-Median $results.ratiosToHttpClientPerProcess
    $results.peakWorkingSetAfterImportMB = [math]::Round((Get-Median @($perCall | ForEach-Object PeakImport)) / 1MB, 1)
    $results.peakWorkingSetAfterCallsMB = [math]::Round((Get-Median @($perCall | ForEach-Object PeakCalls)) / 1MB, 1)

    Write-Host 'Rate limit: 200 lifecycle calls (20 hooks disabled and enabled five times) against 30 requests per 5 s'
    $rateRun = & dotnet pwsh -NoProfile -NonInteractive -c @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
$connect
`$null = Invoke-RestMethod -Method Post -Uri '$url/sandbox/reset'
`$hooks = 1..20 | ForEach-Object { New-OktaEventHook -Name "rate-`$_" -Uri '$url/receiver/ok/rate' -EventType user.lifecycle.create }
`$null = Invoke-RestMethod -Method Put -Uri '$url/sandbox/rate-limit' -ContentType 'application/json' -Body '{"limit":30,"windowSeconds":5}'
`$null = Invoke-RestMethod -Method Delete -Uri '$url/sandbox/requests'
`$clock = [Diagnostics.Stopwatch]::StartNew()
foreach (`$round in 1..5) { `$hooks | Disable-OktaEventHook; `$hooks | Enable-OktaEventHook }
`$elapsed = `$clock.Elapsed.TotalSeconds
`$log = Invoke-RestMethod -Uri '$url/sandbox/requests'
@{ Seconds = `$elapsed; Calls = @(`$log | Where-Object status -eq 200).Count; Rejected = @(`$log | Where-Object status -eq 429).Count } | ConvertTo-Json -Compress
"@ | Select-Object -Last 1 | ConvertFrom-Json
    # 200 calls at 30 per window need 7 windows; the last starts 6 windows (30 s) after the first call.
    $results.rateLimitCalls = $rateRun.Calls
    $results.rateLimitSeconds = $rateRun.Seconds
    $results.rateLimitForcedSeconds = ([math]::Ceiling(200 / 30) - 1) * 5
    $results.rateLimitRatio = $rateRun.Seconds / $results.rateLimitForcedSeconds
    $results.rateLimit429s = $rateRun.Rejected

    Write-Host "System Log: $SystemLogRecords records over 7 days (pages of 1,000) into Measure-Object, module and Invoke-RestMethod loop alternating, $SystemLogRounds rounds"
    $logRun = & dotnet pwsh -NoProfile -NonInteractive -c @"
`$ErrorActionPreference = 'Stop'
`$null = Invoke-RestMethod -Method Post -Uri '$url/sandbox/reset'
`$null = Invoke-RestMethod -Method Put -Uri '$url/sandbox/logs/rate-limit' -ContentType 'application/json' -Body '{"limit":1000000}'
`$now = [DateTimeOffset]::UtcNow
`$since = `$now.AddDays(-7); `$until = `$now
`$iso = { param(`$t) `$t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", [cultureinfo]::InvariantCulture) }
`$body = @{ count = $SystemLogRecords; since = (& `$iso `$since.AddMinutes(1)); until = (& `$iso `$until.AddMinutes(-1)); hookId = 'whoBenchBenchBench00'; hookName = 'Bench' } | ConvertTo-Json
`$null = Invoke-RestMethod -Method Post -Uri '$url/sandbox/logs/synthetic' -ContentType 'application/json' -Body `$body
Import-Module '$ModulePath'
$connect
`$sinceLocal = `$since.LocalDateTime; `$untilLocal = `$until.LocalDateTime
`$headers = @{ Authorization = 'SSWS $token'; Accept = 'application/json' }

# The loop follows the same next links from the same first URL the module sends (taken from the sandbox's request log).
`$null = Invoke-RestMethod -Method Delete -Uri '$url/sandbox/requests'
`$null = Get-OktaEventHookLog -Since `$sinceLocal -Until `$untilLocal -First 1
`$first = '$url/api/v1/logs?' + @(Invoke-RestMethod -Uri '$url/sandbox/requests')[0].query
`$first = `$first -replace 'limit=\d+', 'limit=1000'
function Read-WithLoop {
    `$next = `$first
    while (`$next) {
        `$page = Invoke-RestMethod -Uri `$next -Headers `$headers -ResponseHeadersVariable answer
        `$page
        `$link = @(`$answer['Link']) | Where-Object { `$_ -match 'rel="next"' } | Select-Object -First 1
        `$next = if (`$link) { [regex]::Match(`$link, '<([^>]+)>').Groups[1].Value } else { `$null }
    }
}
function Time([scriptblock] `$block) { `$c = [Diagnostics.Stopwatch]::StartNew(); `$n = (& `$block).Count; @{ Seconds = `$c.Elapsed.TotalSeconds; Count = `$n } }
`$module = @(); `$loop = @()
foreach (`$round in 1..$SystemLogRounds) {
    `$module += Time { Get-OktaEventHookLog -Since `$sinceLocal -Until `$untilLocal | Measure-Object }
    `$loop += Time { Read-WithLoop | Measure-Object }
}
@{ Module = `$module; Loop = `$loop; SinceLocal = `$sinceLocal.ToString('o'); UntilLocal = `$untilLocal.ToString('o') } | ConvertTo-Json -Compress -Depth 4
"@ | Select-Object -Last 1 | ConvertFrom-Json

    # Memory, in a process of its own that read nothing big before: the working set after one small read (and a
    # collection), and its highest value while streaming every record, sampled every 1,000 records.
    $memoryRun = & dotnet pwsh -NoProfile -NonInteractive -c @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
$connect
`$since = [datetime]::Parse('$($logRun.SinceLocal)', [cultureinfo]::InvariantCulture, 'RoundtripKind'); `$until = [datetime]::Parse('$($logRun.UntilLocal)', [cultureinfo]::InvariantCulture, 'RoundtripKind')
`$null = Get-OktaEventHookLog -Since `$since -Until `$until -First 10
[GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
`$process = [Diagnostics.Process]::GetCurrentProcess(); `$process.Refresh()
`$before = `$process.WorkingSet64; `$highest = `$before; `$seen = 0
Get-OktaEventHookLog -Since `$since -Until `$until | ForEach-Object {
    `$seen++
    if (`$seen % 1000 -eq 0) { `$process.Refresh(); if (`$process.WorkingSet64 -gt `$highest) { `$highest = `$process.WorkingSet64 } }
}
@{ Before = `$before; Highest = `$highest; Seen = `$seen } | ConvertTo-Json -Compress
"@ | Select-Object -Last 1 | ConvertFrom-Json
    $moduleSeconds = Get-Median @($logRun.Module | ForEach-Object Seconds)
    $loopSeconds = Get-Median @($logRun.Loop | ForEach-Object Seconds)
    $results.systemLogRecords = $SystemLogRecords
    $results.systemLogModuleCounts = @($logRun.Module | ForEach-Object Count)
    $results.systemLogLoopCounts = @($logRun.Loop | ForEach-Object Count)
    $results.systemLogModuleSeconds = $moduleSeconds
    $results.systemLogLoopSeconds = $loopSeconds
    $results.systemLogModuleRecordsPerSecond = [math]::Round($SystemLogRecords / $moduleSeconds)
    $results.systemLogLoopRecordsPerSecond = [math]::Round($SystemLogRecords / $loopSeconds)
    $results.systemLogSpeedup = $loopSeconds / $moduleSeconds
    $results.systemLogWorkingSetBeforeMB = [math]::Round($memoryRun.Before / 1MB, 1)
    $results.systemLogWorkingSetGrowthMB = [math]::Round(($memoryRun.Highest - $memoryRun.Before) / 1MB, 1)
    $results.systemLogMemoryRunRecords = $memoryRun.Seen
    $resend = & (Join-Path $PSScriptRoot 'Bench-Resend.ps1') -ModulePath $ModulePath -Url $url -Token $token -Events $ResendEvents -Rounds $ResendRounds
    foreach ($key in @($resend.Keys | Where-Object { $_ -ne 'resendRaw' })) { $results[$key] = $resend[$key] }
    $results.raw = @{ perCall = $perCall; systemLog = $logRun; systemLogMemory = $memoryRun; resend = $resend.resendRaw }
}
finally {
    Stop-OktaSandbox $sandbox
}

$results | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath (Join-Path $OutputPath 'bench.json')
$f = { param($v) '{0:0.00}' -f $v }
$startupRows = foreach ($kind in $results.startup.Keys) {
    $start = $results.startup[$kind]
    $on = if ($kind -eq 'tool') { 'on the dotnet tool pwsh (IL only)' } else { 'on pwsh compiled ReadyToRun, as installed' }
    "| Import, $on | $(& $f $start.importOverheadMs) ms over bare pwsh | bare pwsh $(& $f $start.bareStartMs) ms | $(& $f $start.importRatio)× (+$(& $f $start.importOverheadMs) ms) | ≤ 1.15× |"
    "| Import of the floor (a binary module of one cmdlet, manifest and one format view), $on | $(& $f $start.floorImportOverheadMs) ms over bare pwsh | bare pwsh | $(& $f $start.floorImportRatio)× | — |"
    "| First call (import + connect + Get), $on | $(& $f $start.firstCallOverheadMs) ms over bare pwsh | bare pwsh | +$(& $f $start.firstCallOverheadMs) ms | — |"
}
$startupRows = $startupRows -join "`n"
$markdown = @"
# OktaEventHooks benchmark

$(Get-Date -Format 'yyyy-MM-dd HH:mm') UTC$((Get-Date).ToString('zzz')), $([Environment]::ProcessorCount) cores, PowerShell $($PSVersionTable.PSVersion). Medians; baselines measured in the same run.

| Measure | Value | Baseline | Ratio / overhead | Goal |
|---|---|---|---|---|
$startupRows
| Per call, Get-OktaEventHook -Id | $(& $f $results.moduleMsPerCall) ms | Invoke-RestMethod $(& $f $results.invokeRestMethodMsPerCall) ms | $(& $f $results.ratioToInvokeRestMethod)× | ≤ 1.0× |
| Per call, Get-OktaEventHook -Id | $(& $f $results.moduleMsPerCall) ms | reused HttpClient + ConvertFrom-Json $(& $f $results.httpClientMsPerCall) ms | $(& $f $results.ratioToHttpClient)× (per process: $(($results.ratiosToHttpClientPerProcess | ForEach-Object { & $f $_ }) -join ', '); first third of the turns $(& $f $results.ratioToHttpClientFirstThird)×, last third $(& $f $results.ratioToHttpClientLastThird)×) | ≤ 1.3× |
| 200 lifecycle calls, bucket 30 per 5 s | $(& $f $results.rateLimitSeconds) s ($($results.rateLimitCalls) calls OK, $($results.rateLimit429s) × 429) | rate limit alone forces $($results.rateLimitForcedSeconds) s | $(& $f $results.rateLimitRatio)× | ≤ 1.10× |
| Peak working set after import | $($results.peakWorkingSetAfterImportMB) MB | | | |
| Peak working set after $($Calls + $WarmupCalls) calls each way | $($results.peakWorkingSetAfterCallsMB) MB | | | |
| System Log, $($results.systemLogRecords) records over 7 days into Measure-Object | $(& $f $results.systemLogModuleSeconds) s, $($results.systemLogModuleRecordsPerSecond) records/s (counted $($results.systemLogModuleCounts -join ', ')) | Invoke-RestMethod loop on the same next links $(& $f $results.systemLogLoopSeconds) s, $($results.systemLogLoopRecordsPerSecond) records/s | $(& $f $results.systemLogSpeedup)× the records per second | ≥ 2× |
| Working set growth while streaming $($results.systemLogMemoryRunRecords) System Log records | $($results.systemLogWorkingSetGrowthMB) MB | working set before the read $($results.systemLogWorkingSetBeforeMB) MB | | < 50 MB |
| Send-OktaEventHookEvent, $($results.resendEvents) System Log events to a loopback receiver in batches of 50 | $(& $f $results.resendModuleSeconds) s, $($results.resendModuleRecordsPerSecond) records/s (receiver got $($results.resendModuleReceived -join ', ')) | Invoke-RestMethod loop (pages, envelope, POST) $(& $f $results.resendLoopSeconds) s, $($results.resendLoopRecordsPerSecond) records/s (receiver got $($results.resendLoopReceived -join ', ')) | $(& $f $results.resendSpeedup)× the records per second | ≥ 2× |
| Working set growth while resending $($results.resendEvents) events | $($results.resendModuleWorkingSetGrowthMB) MB (before $($results.resendModuleWorkingSetBeforeMB) MB) | Invoke-RestMethod loop $($results.resendLoopWorkingSetGrowthMB) MB (before $($results.resendLoopWorkingSetBeforeMB) MB) | | < 50 MB |
"@
Set-Content -LiteralPath (Join-Path $OutputPath 'bench.md') -Value $markdown
Write-Host $markdown
