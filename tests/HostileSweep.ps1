# A sweep of hostile input over the module's parameters: every case runs in a fresh runspace connected to a sandbox
# org, bounded in time, and is judged by what a user would see. Not part of the Pester suite (it reports a share,
# it does not pass or fail); run by hand against a staged module:
#
#   dotnet pwsh -NoProfile -File tests/HostileSweep.ps1 -ModulePath out/OktaEventHooks/<version>/OktaEventHooks.psd1
#
# Each case ends as one of:
#   clean  the command finished with a result or with errors whose ids are the module's own (not System.*), whose
#          text holds no .NET exception name, stack trace or '(Parameter ...)', and no secret of the case
#   leak   a secret of the case (token, auth header value) appears in any stream or error record
#   hang   the command did not finish within the case's time bound
#   raw    an error that is a bare .NET exception (System.* id, 'Exception' or a stack trace in its text)
#   loss   the case's own check of the org or the file system after it failed (a secret or a previous file gone)
#   wrong  the case's own check found silent wrong behaviour (a value stored as its type name)
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [string] $SandboxDll = (Join-Path $PSScriptRoot 'OktaEventHooks.Sandbox/bin/Release/net10.0/OktaEventHooks.Sandbox.dll'),
    [int] $TimeoutSec = 30,
    [string] $ReportPath,
    # Only the cases whose name matches (a regular expression), for trying a few.
    [string] $Match = '.'
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../tools/Sandbox.psm1') -Force
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).Path
$sandbox = Start-OktaSandbox -SandboxDll $SandboxDll
$work = Join-Path ([IO.Path]::GetTempPath()) "oktaeh-sweep-$([guid]::NewGuid().ToString('N'))"
$null = New-Item -ItemType Directory -Path $work
$secret = 'SWEEP-s3cret-Q7x'
$fifo = Join-Path $work 'fifo'
if (-not $IsWindows) { & mkfifo $fifo; $null = New-Item -ItemType SymbolicLink -Path (Join-Path $work 'link') -Target $fifo }

# Hostile values by kind.
$texts = [ordered]@{
    'empty' = ''; 'blank' = '   '; 'NUL' = "a`0b"; 'CRLF' = "a`r`nX-Injected: 1"; 'ESC' = "a$([char]27)[2Jb"; 'bidi' = "a$([char]0x202E)b"
    '1MB' = ('x' * 1MB); '300 chars' = ('y' * 300); 'wildcard [' = '['; 'dot-dot' = '../../users/00u1'; 'unicode' = 'hóok-ünï'
    'quote' = "it's `"quoted`""; 'html' = '<script>alert(1)</script>'; 'json' = '{"a":1}'; 'spaces' = 'a b c'
}
$objects = [ordered]@{
    'SecureString' = (ConvertTo-SecureString 'k3y-value' -AsPlainText -Force); 'hashtable' = @{ a = 1 }; 'array' = @('a', 'b')
    'scriptblock' = { 'x' }; 'null' = $null; 'int' = 5; 'datetime' = [datetime]::Now
}
$secrets = [ordered]@{ 'NUL inside' = "Bearer first-$secret`0tail"; '1 char' = '#'; '3 chars' = 'Zq9'; 'CRLF' = "Bearer $secret`r`nX: 1"; 'non-ASCII' = "tök-$secret"; 'blank' = '   ' }
$dates = [ordered]@{ 'MaxValue' = [datetime]::MaxValue; 'MinValue' = [datetime]::MinValue; 'far future' = [datetime]::Now.AddYears(50); 'old' = [datetime]::Now.AddYears(-1) }
$paths = [ordered]@{
    '/dev/full' = '/dev/full'; '/proc/version' = '/proc/version'; 'fifo' = $fifo; 'link to fifo' = (Join-Path $work 'link'); 'NUL' = "./a`0b.json"
    'long name' = ('./' + ('n' * 300) + '.json'); 'Env:' = 'Env:/OKTAEH_SWEEP'; 'Variable:' = 'Variable:/oktaehSweep'; 'Function:' = 'Function:/oktaehSweep'
    'folder' = $work; 'missing folder' = (Join-Path $work 'no/such/file.json'); 'wildcard' = (Join-Path $work '*.json'); 'empty file' = (Join-Path $work 'empty.json')
}
$null = New-Item -ItemType File -Path (Join-Path $work 'empty.json')

$uri = "$($sandbox.BaseUrl)/receiver/ok/sweep"
$cases = [Collections.Generic.List[object]]::new()
function Add-Case([string] $Name, [string] $Script, [hashtable] $Arguments = @{}, [string] $Check) {
    $cases.Add([pscustomobject]@{ Name = $Name; Script = $Script; Arguments = $Arguments; Check = $Check })
}

foreach ($kind in $texts.Keys) {
    $v = @{ v = $texts[$kind] }
    Add-Case "New -Name $kind" 'New-OktaEventHook -Name $v -Uri $uri -EventType user.lifecycle.create -Confirm:$false' $v
    Add-Case "New -Uri $kind" 'New-OktaEventHook -Name sweep -Uri $v -EventType user.lifecycle.create -Confirm:$false' $v
    Add-Case "New -Description $kind" 'New-OktaEventHook -Name sweep -Uri $uri -EventType user.lifecycle.create -Description $v -Confirm:$false' $v
    Add-Case "New -EventType $kind" 'New-OktaEventHook -Name sweep -Uri $uri -EventType $v -Confirm:$false' $v
    Add-Case "New -Header name $kind" 'New-OktaEventHook -Name sweep -Uri $uri -EventType user.lifecycle.create -Header @{ $v = "x" } -Confirm:$false' $v
    Add-Case "New -Header value $kind" 'New-OktaEventHook -Name sweep -Uri $uri -EventType user.lifecycle.create -Header @{ "X-A" = $v } -Confirm:$false' $v
    Add-Case "New -AuthHeaderName $kind" 'New-OktaEventHook -Name sweep -Uri $uri -EventType user.lifecycle.create -AuthHeaderName $v -AuthHeaderValue (ConvertTo-SecureString $secret -AsPlainText -Force) -Confirm:$false' $v
    Add-Case "Get -Id $kind" 'Get-OktaEventHook -Id $v' $v
    Add-Case "Get -Name $kind" 'Get-OktaEventHook -Name $v' $v
    Add-Case "Log -Name $kind" 'Get-OktaEventHookLog -Name $v' $v
    Add-Case "Log -EventType $kind" 'Get-OktaEventHookLog -EventType $v' $v
    Add-Case "Remove -Id $kind" 'Remove-OktaEventHook -Id $v -Confirm:$false' $v
    Add-Case "Set -Id $kind" 'Set-OktaEventHook -Id $v -Description d -Confirm:$false' $v
    Add-Case "Endpoint -Uri $kind" 'Test-OktaEventHookEndpoint -Uri $v' $v
    Add-Case "Endpoint -AuthHeaderName $kind" 'Test-OktaEventHookEndpoint -Uri $uri -AuthHeaderName $v -AuthHeaderValue (ConvertTo-SecureString $secret -AsPlainText -Force)' $v
    Add-Case "EventType -Name $kind" 'Get-OktaEventType -Name $v' $v
    Add-Case "Connect -OrgUrl $kind" 'Connect-OktaOrg -OrgUrl $v -ApiToken (ConvertTo-SecureString $secret -AsPlainText -Force)' $v
    Add-Case "Connect -ClientId $kind" 'Connect-OktaOrg -OrgUrl $org -ClientId $v -PrivateKey (ConvertTo-SecureString "x" -AsPlainText -Force)' $v
}
foreach ($kind in $objects.Keys) {
    $v = @{ v = $objects[$kind] }
    $stored = 'if ($h = Get-OktaEventHook -Name sweep -ErrorAction SilentlyContinue) { $s = Invoke-RestMethod "$org/sandbox/eventHooks/$($h.Id)"; if (($s | ConvertTo-Json -Depth 10) -match "System\.|\"value\":\s*\"\"") { "wrong: a value was stored as its type name or empty" } }'
    Add-Case "New -Header value $kind" 'New-OktaEventHook -Name sweep -Uri $uri -EventType user.lifecycle.create -Header @{ "X-A" = $v } -Confirm:$false' $v $stored
    Add-Case "New -Filter value $kind" 'New-OktaEventHook -Name sweep -Uri $uri -EventType user.lifecycle.create -Filter @{ "user.lifecycle.create" = $v } -Confirm:$false' $v $stored
    Add-Case "Endpoint -Header value $kind" 'Test-OktaEventHookEndpoint -Uri $uri -Header @{ "X-A" = $v }' $v
    Add-Case "Set -Header value $kind" '$h = New-OktaEventHook -Name "sweep set" -Uri $uri -EventType user.lifecycle.create -Confirm:$false; Set-OktaEventHook -Id $h.Id -Header @{ "X-A" = $v } -Confirm:$false' $v
}
foreach ($kind in $secrets.Keys) {
    $v = @{ v = $secrets[$kind] }
    Add-Case "New -AuthHeaderValue $kind" 'New-OktaEventHook -Name sweep -Uri $uri -EventType user.lifecycle.create -AuthHeaderValue (ConvertTo-SecureString $v -AsPlainText -Force) -Confirm:$false' $v `
        'if ($h = Get-OktaEventHook -Name sweep -ErrorAction SilentlyContinue) { $stored = Invoke-RestMethod "$org/sandbox/eventHooks/$($h.Id)"; if ($stored.channel.config.authScheme.value -and $stored.channel.config.authScheme.value -ne $v) { "stored a secret other than the one given" } }'
    Add-Case "Connect -ApiToken $kind" 'Connect-OktaOrg -OrgUrl $org -ApiToken (ConvertTo-SecureString $v -AsPlainText -Force); Get-OktaEventHook' $v
    Add-Case "Endpoint -AuthHeaderValue $kind" 'Test-OktaEventHookEndpoint -Uri $uri -AuthHeaderValue (ConvertTo-SecureString $v -AsPlainText -Force)' $v
    Add-Case "Set -AuthHeaderValue $kind" '$h = New-OktaEventHook -Name "sweep secret" -Uri $uri -EventType user.lifecycle.create -AuthHeaderValue (ConvertTo-SecureString "Bearer keep-1234" -AsPlainText -Force) -Confirm:$false; Set-OktaEventHook -Id $h.Id -Name renamed -AuthHeaderValue (ConvertTo-SecureString $v -AsPlainText -Force) -Confirm:$false' $v `
        '$h = Get-OktaEventHook -Name "sweep secret","renamed" -ErrorAction SilentlyContinue | Select-Object -First 1; $stored = Invoke-RestMethod "$org/sandbox/eventHooks/$($h.Id)"; if ($stored.channel.config.authScheme.value -notin "Bearer keep-1234", $v) { "the secret became something not given" }'
}
foreach ($kind in $dates.Keys) {
    $v = @{ v = $dates[$kind] }
    Add-Case "Log -Since $kind" 'Get-OktaEventHookLog -Since $v' $v
    Add-Case "Log -Until $kind" 'Get-OktaEventHookLog -Until $v' $v
}
foreach ($count in 0, -1, [int]::MaxValue) { Add-Case "Log -First $count" 'Get-OktaEventHookLog -First $v' @{ v = $count } }
Add-Case 'Log -EventType 300 types' 'Get-OktaEventHookLog -EventType (1..300 | ForEach-Object { "event_hook.t$_" })'
Add-Case 'New 300 event types' 'New-OktaEventHook -Name sweep -Uri $uri -EventType (1..301 | ForEach-Object { "user.t$_" }) -Confirm:$false'
foreach ($kind in $paths.Keys) {
    $v = @{ v = $paths[$kind] }
    Add-Case "Export -Path $kind" '$null = New-OktaEventHook -Name "sweep export" -Uri $uri -EventType user.lifecycle.create -Confirm:$false; Export-OktaEventHook -Path $v' $v `
        'if (Test-Path Env:/OKTAEH_SWEEP) { "wrote Env:" }; if (Test-Path (Join-Path ([Environment]::CurrentDirectory) "OKTAEH_SWEEP")) { "wrote a file in the working folder" }'
    Add-Case "Import -Path $kind" 'Import-OktaEventHook -Path $v -Confirm:$false' $v
    Add-Case "Connect -PrivateKeyPath $kind" 'Connect-OktaOrg -OrgUrl $org -ClientId 0oaSweep -PrivateKeyPath $v' $v
}
# Import files in shapes Export does not write: the hook's secret and header must survive.
$shapes = [ordered]@{
    'authScheme text' = { param($d) $d.eventHooks[0].channel.config.authScheme = 'HEADER X-Secret' }
    'authscheme case' = { param($d) $c = $d.eventHooks[0].channel.config; $d.eventHooks[0].channel.config = [pscustomobject]@{ uri = $c.uri; headers = $c.headers; authscheme = $c.authScheme } }
    'headers object' = { param($d) $d.eventHooks[0].channel.config.headers = [pscustomobject]@{ 'X-Tenant' = 'blue' } }
    'items object' = { param($d) $d.eventHooks[0].events.items = @([pscustomobject]@{ a = 1 }) }
    'unknown field' = { param($d) $d.eventHooks[0] | Add-Member -NotePropertyName extra -NotePropertyValue 1 }
    'schemaVersion text' = { param($d) $d.schemaVersion = '1' }
}
foreach ($kind in $shapes.Keys) {
    Add-Case "Import file $kind" @"
`$h = New-OktaEventHook -Name shaped -Uri `$uri -EventType user.lifecycle.create -Header @{ 'X-Tenant' = 'blue' } -AuthHeaderValue (ConvertTo-SecureString 'Bearer keep-1234' -AsPlainText -Force) -Confirm:`$false
`$file = Join-Path '$work' 'shaped-$([guid]::NewGuid().ToString('N')).json'
Export-OktaEventHook -Path `$file
`$d = Get-Content -LiteralPath `$file -Raw | ConvertFrom-Json
& ([scriptblock]::Create(`$edit)) `$d
`$d | ConvertTo-Json -Depth 20 | Set-Content -LiteralPath `$file
Import-OktaEventHook -Path `$file -AuthHeaderValue @{ shaped = (ConvertTo-SecureString 'Bearer keep-1234' -AsPlainText -Force) } -Confirm:`$false
"@ @{ edit = $shapes[$kind].ToString() } `
        '$h = Get-OktaEventHook -Name shaped; $stored = Invoke-RestMethod "$org/sandbox/eventHooks/$($h.Id)"; if (-not $stored.channel.config.authScheme) { "the secret was removed" }; if (-not @($stored.channel.config.headers).Count) { "the header was removed" }'
}

function Invoke-Case($case) {
    $null = Invoke-RestMethod -Method Post -Uri "$($sandbox.BaseUrl)/sandbox/reset"
    $shell = [powershell]::Create()
    $null = $shell.AddScript({
        param($module, $org, $token, $uri, $secret, $arguments, $script, $check)
        & {
            Import-Module $module
            Connect-OktaOrg -OrgUrl $org -ApiToken (ConvertTo-SecureString $token -AsPlainText -Force)
            foreach ($name in $arguments.Keys) { Set-Variable -Name $name -Value $arguments[$name] }
            $ErrorActionPreference = 'Continue'
            $seen = try { & ([scriptblock]::Create($script)) -Verbose *>&1 | ForEach-Object { $_; if ($_ -is [Management.Automation.ErrorRecord]) { $_ | Format-List * -Force | Out-String } } } catch { $_; $_ | Format-List * -Force | Out-String }
            [pscustomobject]@{ Seen = $seen; Loss = if ($check) { & ([scriptblock]::Create($check)) } }
        }
    }).AddArgument($ModulePath).AddArgument($sandbox.BaseUrl).AddArgument($sandbox.ApiToken).AddArgument($uri).AddArgument($secret).AddArgument($case.Arguments).AddArgument($case.Script).AddArgument($case.Check)
    $async = $shell.BeginInvoke()
    if (-not $async.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds($TimeoutSec))) {
        $null = $shell.BeginStop($null, $null)
        if (Test-Path $fifo) { try { $s = [IO.File]::Open($fifo, 'Open', 'ReadWrite'); $s.Dispose() } catch { } }
        return [pscustomobject]@{ Case = $case.Name; Outcome = 'hang'; Detail = "not finished in $TimeoutSec s" }
    }
    $result = @($shell.EndInvoke($async))[-1]
    $text = (@($result.Seen) | Out-String -Width 300) + (@($shell.Streams.Error) | Out-String -Width 300)
    $shell.Dispose()
    $secretsOfCase = @($secret, $sandbox.ApiToken) + @($case.Arguments.Values | Where-Object { $_ -is [string] -and $_ -cmatch 'SWEEP-s3cret|first-|keep-1234' } | ForEach-Object { $_ -replace '^Bearer ', '' -split "[`0`r`n]" } | Where-Object { $_.Length -ge 6 })
    $errors = @($result.Seen | Where-Object { $_ -is [Management.Automation.ErrorRecord] })
    $leak = $secretsOfCase | Where-Object { $text.Contains($_) } | Select-Object -First 1
    $raw = $errors | Where-Object { $_.FullyQualifiedErrorId -match '^System\.' -or "$($_.Exception.Message)" -cmatch '(\bSystem\.[A-Z]\w+Exception\b|\(Parameter ''|\r?\n\s+at )' } | Select-Object -First 1
    if ($leak) { return [pscustomobject]@{ Case = $case.Name; Outcome = 'leak'; Detail = 'shows ' + $leak.Substring(0, [Math]::Min(8, $leak.Length)) + '...' } }
    if ($result.Loss) { return [pscustomobject]@{ Case = $case.Name; Outcome = ("$($result.Loss)" -like 'wrong:*' ? 'wrong' : 'loss'); Detail = "$($result.Loss)" } }
    if ($raw) { return [pscustomobject]@{ Case = $case.Name; Outcome = 'raw'; Detail = "$($raw.FullyQualifiedErrorId): $("$($raw.Exception.Message)".Split("`n")[0])" } }
    [pscustomobject]@{ Case = $case.Name; Outcome = 'clean'; Detail = (@($errors | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] }) -join ' ') }
}

try {
    $results = foreach ($case in $cases | Where-Object Name -match $Match) { Invoke-Case $case 6>$null }
}
finally {
    Stop-OktaSandbox $sandbox
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
$results | Where-Object Outcome -ne 'clean' | Format-Table -AutoSize -Wrap | Out-String -Width 200 | Write-Host
$groups = $results | Group-Object Outcome | ForEach-Object { "$($_.Name) $($_.Count)" }
$clean = @($results | Where-Object Outcome -eq 'clean').Count
Write-Host ("{0} cases: {1}; clean {2:0.0} %" -f $results.Count, ($groups -join ', '), (100 * $clean / [Math]::Max(1, $results.Count)))
if ($ReportPath) { $results | ConvertTo-Json -Depth 3 | Set-Content -LiteralPath $ReportPath }
