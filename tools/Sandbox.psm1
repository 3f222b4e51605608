# Starts and stops the local sandbox org (tests/OktaEventHooks.Sandbox) for the demo, the tests and benchmarks.
# Its start-up contract: the first stdout line is 'Sandbox listening on http://127.0.0.1:<port> token=<token>'.
# Only that line is read, so the sandbox is started with --quiet: its line per request would fill the pipe that
# nobody drains, and then block the requests.

function Start-OktaSandbox {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $SandboxDll,
        [int] $Port = 0,
        [string] $ApiToken,
        [string[]] $ExtraArguments = @(),
        [int] $StartTimeoutSec = 60
    )
    if (-not (Test-Path -LiteralPath $SandboxDll)) { throw "Sandbox not built: $SandboxDll. Run ./build.ps1 build first." }
    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $info.ArgumentList.Add((Resolve-Path -LiteralPath $SandboxDll).Path)
    $info.ArgumentList.Add('--port'); $info.ArgumentList.Add("$Port")
    $info.ArgumentList.Add('--quiet')
    if ($ApiToken) { $info.ArgumentList.Add('--api-token'); $info.ArgumentList.Add($ApiToken) }
    foreach ($argument in $ExtraArguments) { $info.ArgumentList.Add($argument) }
    $info.RedirectStandardOutput = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    $firstLine = $process.StandardOutput.ReadLineAsync()
    if (-not $firstLine.Wait([TimeSpan]::FromSeconds($StartTimeoutSec)) -or $null -eq $firstLine.Result) {
        if (-not $process.HasExited) { $process.Kill($true) }
        throw "The sandbox did not report its address within $StartTimeoutSec s."
    }
    if ($firstLine.Result -notmatch '^Sandbox listening on (?<url>http://127\.0\.0\.1:\d+) token=(?<token>\S+)$') {
        $process.Kill($true)
        throw "Unexpected first line from the sandbox: $($firstLine.Result)"
    }
    [pscustomobject]@{
        PSTypeName = 'OktaEventHooks.SandboxProcess'
        BaseUrl    = $Matches.url
        ApiToken   = $Matches.token
        Process    = $process
    }
}

function Stop-OktaSandbox {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $Sandbox)
    process {
        $process = $Sandbox.Process
        if ($process.HasExited) { return }
        if ($IsLinux -or $IsMacOS) {
            # SIGTERM lets the sandbox stop cleanly, as its contract says it does.
            & kill -TERM $process.Id 2>$null
            if ($process.WaitForExit(10000)) { return }
        }
        $process.Kill($true)
        $null = $process.WaitForExit(10000)
    }
}

Export-ModuleMember -Function Start-OktaSandbox, Stop-OktaSandbox
