# Helpers shared by the Pester files: the sandbox org's address and its test-only endpoints.
# The suite runs against one sandbox started by build.ps1; a file run on its own starts its own.

$script:OwnSandbox = $null

# One home for the repository's paths: the root, the sandbox build, the staged module.
function Get-RepoPath([string] $RelativePath = '') {
    $root = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '..')).Path
    if ($RelativePath) { Join-Path $root $RelativePath } else { $root }
}

function Get-SandboxDllPath {
    $env:OKTAEH_SANDBOX_DLL ?? (Get-RepoPath 'tests/OktaEventHooks.Sandbox/bin/Release/net10.0/OktaEventHooks.Sandbox.dll')
}

function Get-StagedModulePath {
    if ($env:OKTAEH_MODULE) { return $env:OKTAEH_MODULE }
    $version = (Import-PowerShellDataFile (Get-RepoPath 'OktaEventHooks.psd1')).ModuleVersion
    Get-RepoPath "out/OktaEventHooks/$version/OktaEventHooks.psd1"
}

function Initialize-TestSandbox {
    if (-not $env:OKTAEH_SANDBOX_URL) {
        Import-Module (Get-RepoPath 'tools/Sandbox.psm1')
        $script:OwnSandbox = Start-OktaSandbox -SandboxDll (Get-SandboxDllPath)
        $env:OKTAEH_SANDBOX_URL = $script:OwnSandbox.BaseUrl
        $env:OKTAEH_SANDBOX_TOKEN = $script:OwnSandbox.ApiToken
    }
    if (-not (Get-Module OktaEventHooks)) {
        Import-Module (Get-StagedModulePath) -Force -Global
    }
    Reset-TestSandbox
}

function Stop-TestSandbox {
    if ($script:OwnSandbox) {
        Stop-OktaSandbox $script:OwnSandbox
        Remove-Item Env:OKTAEH_SANDBOX_URL, Env:OKTAEH_SANDBOX_TOKEN -ErrorAction SilentlyContinue
        $script:OwnSandbox = $null
    }
}

function Get-SandboxUrl { $env:OKTAEH_SANDBOX_URL }

function Get-SandboxToken { ConvertTo-SecureString $env:OKTAEH_SANDBOX_TOKEN -AsPlainText -Force }

# Connects to the sandbox; the read that checks the token is taken off the request log, so a test sees only its own
# requests, and the line that says which org was connected is not shown.
function Connect-TestSandbox {
    param([switch] $PassThru)
    Connect-OktaOrg -OrgUrl $env:OKTAEH_SANDBOX_URL -ApiToken (Get-SandboxToken) -PassThru:$PassThru -InformationAction Ignore
    Clear-SandboxRequestLog
}

function Reset-TestSandbox { $null = Invoke-RestMethod -Method Post -Uri "$env:OKTAEH_SANDBOX_URL/sandbox/reset" }

function Clear-SandboxRequestLog { $null = Invoke-RestMethod -Method Delete -Uri "$env:OKTAEH_SANDBOX_URL/sandbox/requests" }

# Invoke-RestMethod writes a JSON array as one object; assign first so @() sees its elements.
function Get-SandboxRequestLog { $log = Invoke-RestMethod -Uri "$env:OKTAEH_SANDBOX_URL/sandbox/requests"; @($log) }

# Requests that would change the org (anything but GET).
function Get-SandboxWriteRequest { @(Get-SandboxRequestLog | Where-Object method -ne 'GET') }

function Get-SandboxStoredHook([string] $Id) { Invoke-RestMethod -Uri "$env:OKTAEH_SANDBOX_URL/sandbox/eventHooks/$Id" }

function Get-ReceiverRequestLog { $log = Invoke-RestMethod -Uri "$env:OKTAEH_SANDBOX_URL/sandbox/receiver/requests"; @($log) }

function Clear-ReceiverRequestLog { $null = Invoke-RestMethod -Method Delete -Uri "$env:OKTAEH_SANDBOX_URL/sandbox/receiver/requests" }

# A receiver uri on the sandbox: ok, wrong, nofield, status/<code>, slow/<ms>, html, failing/<code> (verifies, then fails deliveries).
function Get-ReceiverUri([string] $Behaviour = 'ok', [string] $Name = 'hook') { "$env:OKTAEH_SANDBOX_URL/receiver/$Behaviour/$([uri]::EscapeDataString($Name))" }

# What a command tells the host (ShouldProcess -WhatIf lines go to the host, not to a stream).
# The sandbox's rate-limit bucket (its test-only admin endpoint); Reset-TestSandbox restores the default.
function Set-SandboxRateLimit([int] $Limit, [int] $WindowSeconds, [int] $ConcurrentLimit = 0) {
    $body = @{ limit = $Limit; windowSeconds = $WindowSeconds; concurrentLimit = $ConcurrentLimit } | ConvertTo-Json
    $null = Invoke-RestMethod -Method Put -Uri "$env:OKTAEH_SANDBOX_URL/sandbox/rate-limit" -Body $body -ContentType 'application/json'
}

# A fault the sandbox injects (status, hang with seconds, reset, html, truncated, redirect; count, method, path).
function Add-SandboxFault([hashtable] $Rule) {
    $null = Invoke-RestMethod -Method Post -Uri "$env:OKTAEH_SANDBOX_URL/sandbox/faults" -Body ($Rule | ConvertTo-Json) -ContentType 'application/json'
}

function Reset-SandboxFaults { $null = Invoke-RestMethod -Method Delete -Uri "$env:OKTAEH_SANDBOX_URL/sandbox/faults" }

# A stand-in server on loopback for what the sandbox cannot play (a skewed org clock, an echoing proxy): every request
# gets the answer $Respond gives for its method and path, as @{ Status; Body; Headers }. Returns the listener's URL,
# the list of requests it got (method, path, headers) and a Stop method.
function Start-FakeServer([scriptblock] $Respond) {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    $requests = [System.Collections.Concurrent.ConcurrentQueue[object]]::new()
    $job = Start-ThreadJob -ArgumentList $listener, $Respond.ToString(), $requests {
        param($listener, $respondText, $requests)
        $respond = [scriptblock]::Create($respondText)
        while ($true) {
            # Stop() closes the listener: the accept fails and the loop ends (it must not spin on the failure).
            try { $client = $listener.AcceptTcpClient() } catch { break }
            try {
                $client.NoDelay = $true
                $stream = $client.GetStream()
                $reader = [IO.StreamReader]::new($stream, [Text.Encoding]::ASCII)
                $line = $reader.ReadLine()
                if (-not $line) { continue }
                $method, $path = $line.Split(' ')[0, 1]
                $headers = @{}
                $length = 0
                while (($header = $reader.ReadLine())) {
                    $name, $value = $header.Split(':', 2)
                    $headers[$name.Trim()] = $value.Trim()
                    if ($name -eq 'Content-Length') { $length = [int]$value }
                }
                $body = if ($length) { $buffer = [char[]]::new($length); $null = $reader.ReadBlock($buffer, 0, $length); [string]::new($buffer) }
                $requests.Enqueue([pscustomobject]@{ Method = $method; Path = $path; Headers = $headers; Body = $body })
                $answer = & $respond $method $path
                $payload = [Text.Encoding]::UTF8.GetBytes([string]$answer.Body)
                $head = "HTTP/1.1 $($answer.Status) X`r`nContent-Type: application/json`r`nContent-Length: $($payload.Length)`r`nConnection: close`r`n"
                foreach ($key in @($answer.Headers.Keys)) { $head += "${key}: $($answer.Headers[$key])`r`n" }
                $bytes = [Text.Encoding]::ASCII.GetBytes($head + "`r`n") + $payload
                $stream.Write($bytes, 0, $bytes.Length)
            }
            catch { }
            finally { $client.Close() }
        }
    }
    $server = [pscustomobject]@{ Url = "http://127.0.0.1:$($listener.LocalEndpoint.Port)"; Requests = $requests; Listener = $listener; Job = $job }
    $server | Add-Member -MemberType ScriptMethod -Name Stop -Value { $this.Listener.Stop(); $this.Job | Remove-Job -Force }
    $server
}

# Runs $Script in a fresh runspace on this host (or on no host), with the module connected to the sandbox, and returns
# the progress records it wrote: what a person at the prompt would see.
function Get-ProgressRecord([scriptblock] $Script, [object[]] $Arguments = @(), [switch] $WithoutHost) {
    $runspace = if ($WithoutHost) { [runspacefactory]::CreateRunspace() } else { [runspacefactory]::CreateRunspace($Host) }
    $runspace.Open()
    try {
        $shell = [powershell]::Create()
        $shell.Runspace = $runspace
        $module = Join-Path (Get-Module OktaEventHooks).ModuleBase 'OktaEventHooks.psd1'
        $null = $shell.AddScript({
            param($module, $url, $token)
            Import-Module $module
            Connect-OktaOrg -OrgUrl $url -ApiToken (ConvertTo-SecureString $token -AsPlainText -Force) -InformationAction Ignore
        }).AddArgument($module).AddArgument($env:OKTAEH_SANDBOX_URL).AddArgument($env:OKTAEH_SANDBOX_TOKEN)
        $null = $shell.Invoke()
        $shell.Commands.Clear()
        $null = $shell.AddScript($Script)
        foreach ($argument in $Arguments) { $null = $shell.AddArgument($argument) }
        $null = $shell.Invoke()
        if ($shell.Streams.Error.Count) { throw $shell.Streams.Error[0] }
        @($shell.Streams.Progress)
    }
    finally { $runspace.Dispose() }
}

# Runs $Command (text) in a fresh PowerShell connected to the sandbox, waits until the sandbox holds one of its requests
# in flight (as $InFlightUri reports: /sandbox/rate-limit or /sandbox/logs/rate-limit), then presses Ctrl+C
# (PowerShell.Stop). Returns how many requests were in flight, how long Stop took and the final state.
function Stop-WhenInFlight([string] $Command, [string] $InFlightUri = "$env:OKTAEH_SANDBOX_URL/sandbox/rate-limit") {
    $shell = [powershell]::Create()
    try {
        $module = Join-Path (Get-Module OktaEventHooks).ModuleBase 'OktaEventHooks.psd1'
        # -SkipValidation: the request held in flight must be the command's, not the check of the token.
        $null = $shell.AddScript("Import-Module '$module'; Connect-OktaOrg -OrgUrl '$env:OKTAEH_SANDBOX_URL' -ApiToken (ConvertTo-SecureString '$env:OKTAEH_SANDBOX_TOKEN' -AsPlainText -Force) -SkipValidation; $Command")
        $null = $shell.BeginInvoke()
        $deadline = [DateTime]::UtcNow.AddSeconds(15)
        while ((Invoke-RestMethod $InFlightUri).inFlight -lt 1 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        $inFlight = (Invoke-RestMethod $InFlightUri).inFlight
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $shell.Stop()
        [pscustomobject]@{ InFlight = $inFlight; StopSeconds = $clock.Elapsed.TotalSeconds; State = $shell.InvocationStateInfo.State }
    }
    finally { $shell.Dispose() }
}

# Runs pwsh as a child process (it may itself run as 'dotnet pwsh.dll', the repository's local tool) with plain output;
# returns its exit code and everything it wrote, as one text.
function Invoke-ChildPwsh([string[]] $Arguments) {
    $pwsh = (Get-Process -Id $PID).Path
    $prefix = @(if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
    $env:NO_COLOR = '1'
    $output = (& $pwsh @prefix -NoProfile -NonInteractive @Arguments 2>&1) -join "`n"
    [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $output }
}

# Runs $Script, which must end in a terminating error, and returns that error (fails the test when none comes).
function Get-TerminatingError([scriptblock] $Script) {
    try { & $Script | Out-Null }
    catch { return $_ }
    throw 'Expected a terminating error, but the command completed.'
}

function Get-HostText {
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock)
    $path = Join-Path ([IO.Path]::GetTempPath()) "oktaeh-$([guid]::NewGuid().ToString('N')).txt"
    $null = Start-Transcript -LiteralPath $path -UseMinimalHeader
    try { & $ScriptBlock | Out-Host } finally { $null = Stop-Transcript }
    try { Get-Content -LiteralPath $path -Raw } finally { Remove-Item -LiteralPath $path -ErrorAction SilentlyContinue }
}

# Creates a hook straight through the module with sensible defaults.
function New-TestHook {
    param(
        [string] $Name = "hook-$([guid]::NewGuid().ToString('N').Substring(0, 8))",
        [string[]] $EventType = @('user.lifecycle.create'),
        [string] $Uri = (Get-ReceiverUri ok $Name),
        [string] $Secret,
        [hashtable] $Header,
        [hashtable] $Filter
    )
    $params = @{ Name = $Name; Uri = $Uri; EventType = $EventType; Confirm = $false }
    if ($Secret) { $params.AuthHeaderValue = ConvertTo-SecureString $Secret -AsPlainText -Force }
    if ($Header) { $params.Header = $Header }
    if ($Filter) { $params.Filter = $Filter }
    New-OktaEventHook @params
}

# Runs $Script as at a prompt: in a fresh runspace on this host, connected to the sandbox (or as -Arguments say).
# Returns what the user would see besides the output: progress records, warnings and errors.
function Invoke-AtPrompt([scriptblock] $Script, [object[]] $Arguments = @()) {
    $runspace = [runspacefactory]::CreateRunspace($Host)
    $runspace.Open()
    try {
        $shell = [powershell]::Create()
        $shell.Runspace = $runspace
        $null = $shell.AddScript({
            param($module, $url, $token)
            Import-Module $module
            Connect-OktaOrg -OrgUrl $url -ApiToken (ConvertTo-SecureString $token -AsPlainText -Force) -InformationAction Ignore
        }).AddArgument((Get-StagedModulePath)).AddArgument($env:OKTAEH_SANDBOX_URL).AddArgument($env:OKTAEH_SANDBOX_TOKEN)
        $null = $shell.Invoke()
        $shell.Commands.Clear()
        $null = $shell.AddScript($Script)
        foreach ($argument in $Arguments) { $null = $shell.AddArgument($argument) }
        $output = $shell.Invoke()
        [pscustomobject]@{
            Output   = @($output)
            Progress = @($shell.Streams.Progress)
            Warning  = @($shell.Streams.Warning | ForEach-Object Message)
            Error    = @($shell.Streams.Error)
        }
    }
    finally { $runspace.Dispose() }
}

# The lines of a table as the user's terminal shows it at $Width columns.
function Get-TableLine($InputObject, [int] $Width) {
    @(($InputObject | Format-Table | Out-String -Width $Width) -split "`r?`n" | Where-Object { $_.Trim() })
}

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

Export-ModuleMember -Function *
