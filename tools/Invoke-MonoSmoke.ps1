# The Mono smoke test of the Desktop set: Mono implements the .NET Framework 4.7.2 API, so it runs the client from the
# staged lib/Desktop through the module's own Desktop resolver (tests/OktaEventHooks.DesktopSmoke), under
# `mono --assembly-loader=strict`, against a sandbox org on loopback. It proves that the Desktop set and the resolver
# load and work on a Framework-profile runtime, not that Windows PowerShell 5.1 does: Mono binds versions leniently
# (so fewer AssemblyResolve events than .NET Framework), has no ECDsa (mono/mono#18821) and its own TLS stack.
# Installs mono-complete with tools/Install-Mono.sh where it is missing (Linux only); says so in one line when skipped.
# Writes {Passed, Failed, Skipped} as JSON to -SummaryPath.
param(
    [Parameter(Mandatory)] [string] $ModuleDirectory,
    [Parameter(Mandatory)] [string] $SmokeExe,
    [Parameter(Mandatory)] [string] $SandboxDll,
    [Parameter(Mandatory)] [string] $SummaryPath
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'Sandbox.psm1')
function Write-Summary([int] $Passed, [int] $Failed, [int] $Skipped) {
    @{ Passed = $Passed; Failed = $Failed; Skipped = $Skipped } | ConvertTo-Json | Set-Content -LiteralPath $SummaryPath
}

if (-not $IsLinux) { Write-Host 'Mono smoke skipped: it runs on Linux only (Windows has the real .NET Framework).'; Write-Summary 0 0 1; return }
if (-not (Get-Command mono -ErrorAction SilentlyContinue)) {
    & bash (Join-Path $PSScriptRoot 'Install-Mono.sh') | Out-Host
    if ($LASTEXITCODE -ne 0) { Write-Summary 0 1 0; return }
}
if (-not (Get-Command mono -ErrorAction SilentlyContinue)) { Write-Host 'Mono smoke skipped: Mono is not installed (see the line above).'; Write-Summary 0 0 1; return }

Write-Host "Mono smoke: the client from lib/Desktop through the module's Desktop resolver, under $((& mono --version | Select-Object -First 1))"
# Alone in a folder: no copy of a dependency and no .config with binding redirects beside it.
$work = New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "oktaeh-mono-$([guid]::NewGuid().ToString('N'))")
$sandbox = Start-OktaSandbox -SandboxDll $SandboxDll
try {
    Copy-Item -LiteralPath $SmokeExe -Destination $work.FullName
    $env:OKTAEH_SMOKE_TOKEN = $sandbox.ApiToken
    $exe = Join-Path $work.FullName (Split-Path -Leaf $SmokeExe)
    & mono --assembly-loader=strict $exe (Resolve-Path -LiteralPath $ModuleDirectory).Path "$($sandbox.BaseUrl)/" 2>&1 | ForEach-Object { Write-Host "  $_" }
    $exit = $LASTEXITCODE
    if ($exit -eq 0) { Write-Host 'Mono smoke passed.'; Write-Summary 1 0 0 } else { Write-Host "Mono smoke FAILED (exit code $exit)."; Write-Summary 0 1 0 }
}
finally {
    Remove-Item Env:OKTAEH_SMOKE_TOKEN -ErrorAction SilentlyContinue
    Stop-OktaSandbox $sandbox
    Remove-Item -LiteralPath $work.FullName -Recurse -Force -ErrorAction SilentlyContinue
}
