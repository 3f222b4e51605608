#!/usr/bin/env pwsh
<#
.SYNOPSIS
    The only door to building, testing and running OktaEventHooks.
.DESCRIPTION
    Tasks:
      build    compile the solution and stage the module at out/OktaEventHooks/<ModuleVersion>/
      test     build, then run the xunit tests, the Pester suite against a local sandbox org, and the Desktop set's
               smoke test under Mono (installed where missing, Linux only; skipped elsewhere)
      demo     build, start the sandbox org, walk through every cmdlet, stop the sandbox
      docs     build, then check docs/en-US against the real cmdlets
      bench    build, then measure import, first call and per-call cost against baselines (out/bench/)
      package  build, then write out/packages/OktaEventHooks.<version>.nupkg (Publish-PSResource to a local
               folder) and out/packages/OktaEventHooks.zip (for Azure Automation), with LICENSE and release notes
               from CHANGELOG.md: the release of ModuleVersion when CHANGELOG.md has its section and nothing under
               [Unreleased] (<version> is 0.3.0), else a prerelease of it from [Unreleased] (0.3.0-preview)
    test -Name <text> runs only the Pester files whose name contains <text>, or else the tests whose full name
    contains it, and the xunit tests whose full name contains it (CONTRIBUTING.md has the loop and its times).
    Tools come from the repository's own files: dotnet-tools.json (PowerShell) and tools/tools.csproj (Pester).
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('build', 'test', 'demo', 'docs', 'bench', 'package')]
    [string[]] $Task = 'build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # test only: run the Pester files whose name contains this text (e.g. Set-OktaEventHook), or else the tests
    # whose full name contains it, and the xunit tests whose full name contains it.
    [string] $Name
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
Set-Location -LiteralPath $root
if ($env:CI -or -not [Environment]::UserInteractive -or [Console]::IsOutputRedirected) {
    $env:NO_COLOR = '1'
    $PSStyle.OutputRendering = 'PlainText'
}
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:POWERSHELL_TELEMETRY_OPTOUT = '1'  # the pwsh processes started from here send no telemetry: no request leaves the machine

$version = (Import-PowerShellDataFile -LiteralPath "$root/OktaEventHooks.psd1").ModuleVersion
$outDir = Join-Path $root 'out'
$staged = Join-Path $outDir "OktaEventHooks/$version"
$sandboxDll = Join-Path $root "tests/OktaEventHooks.Sandbox/bin/$Configuration/net10.0/OktaEventHooks.Sandbox.dll"
Import-Module (Join-Path $root 'tools/Sandbox.psm1') -Force

function Invoke-Native {
    param([Parameter(Mandatory)] [string] $FilePath, [string[]] $ArgumentList)
    & $FilePath @ArgumentList | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    Write-Host "Building OktaEventHooks $version ($Configuration)"
    Write-Host '  Compiling the solution with dotnet build: a few minutes the first time (packages restore), less after.'
    Write-Host '  A line follows each project as it is built.'
    $clock = [Diagnostics.Stopwatch]::StartNew()
    Invoke-Native dotnet @('build', "$root/OktaEventHooks.sln", '-c', $Configuration, "-p:Version=$version", '--nologo', '-v', 'minimal', '-clp:NoSummary')

    Write-Host ('  Compiled in {0:0} s; staging the module' -f $clock.Elapsed.TotalSeconds)
    if (Test-Path -LiteralPath $staged) { Remove-Item -LiteralPath $staged -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $staged
    # The cmdlets, the public types and the loader load normally; the dependencies go to lib/ and are loaded privately
    # (see src/OktaEventHooks.Loader and src/OktaEventHooks/DependencyLoader.cs): lib/Core/ for PowerShell 7, each
    # package's netstandard2.0 build; lib/Desktop/ for Windows PowerShell 5.1, what a .NET Framework 4.7.2 restore of
    # the client picks (src/OktaEventHooks.DesktopSet).
    $public = 'OktaEventHooks.dll', 'OktaEventHooks.Model.dll'
    $sets = [ordered]@{
        Core    = Join-Path $root "src/OktaEventHooks/bin/$Configuration/netstandard2.0"
        Desktop = Join-Path $root "src/OktaEventHooks.DesktopSet/bin/$Configuration/net472"
    }
    foreach ($set in $sets.Keys) {
        $lib = New-Item -ItemType Directory -Path (Join-Path $staged "lib/$set")
        foreach ($dll in Get-ChildItem -LiteralPath $sets[$set] -Filter *.dll) {
            if ($dll.Name -eq 'OktaEventHooks.DesktopSet.dll') { continue }  # the empty assembly of the restore project
            if ($dll.Name -in $public) {
                if ($set -eq 'Core') { Copy-Item -LiteralPath $dll.FullName -Destination $staged }
                continue
            }
            Copy-Item -LiteralPath $dll.FullName -Destination $lib.FullName
        }
    }
    Copy-Item -LiteralPath (Join-Path $root "src/OktaEventHooks.Loader/bin/$Configuration/net6.0/OktaEventHooks.Loader.dll") -Destination $staged
    Copy-Item -LiteralPath "$root/OktaEventHooks.psd1", "$root/src/OktaEventHooks/Module/OktaEventHooks.Format.ps1xml" -Destination $staged
    Write-Host '  Building the help (MAML and about topic) from docs/en-US'
    & (Join-Path $root 'tools/ConvertTo-MamlHelp.ps1') -DocsPath (Join-Path $root 'docs/en-US') -OutputPath (Join-Path $staged 'en-US')
    Write-Host "Staged $staged"
}

function Get-NuGetPackageRoot {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    $line = & dotnet nuget locals global-packages --list
    return ($line -replace '^global-packages:\s*', '').Trim()
}

function Get-PesterModulePath {
    Invoke-Native dotnet @('restore', "$root/tools/tools.csproj", '--nologo', '-v', 'quiet')
    $path = Join-Path (Get-NuGetPackageRoot) 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path -LiteralPath $path)) { throw "Pester was not restored to $path." }
    return $path
}

function Invoke-DotnetTests {
    $results = Join-Path $outDir 'test-results'
    if (Test-Path -LiteralPath $results) { Remove-Item -LiteralPath $results -Recurse -Force }
    Write-Host 'Running the xunit tests of the client and the sandbox'
    $filter = if ($Name) { @('--filter', "FullyQualifiedName~$Name") } else { @() }
    & dotnet test "$root/OktaEventHooks.sln" -c $Configuration --no-build --nologo --logger trx --results-directory $results @filter | Out-Host
    $passed = 0; $failed = 0
    foreach ($trx in Get-ChildItem -LiteralPath $results -Filter *.trx -Recurse -ErrorAction SilentlyContinue) {
        $counters = ([xml](Get-Content -LiteralPath $trx.FullName -Raw)).TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed
        $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    }
    if ($LASTEXITCODE -ne 0 -and $failed -eq 0) { $failed = 1 }  # the runner failed without a result file
    [pscustomobject]@{ Passed = $passed; Failed = $failed }
}

function Invoke-PesterTests {
    Write-Host 'Running the Pester suite against a sandbox org'
    $pester = Get-PesterModulePath
    $summary = Join-Path $outDir 'pester-summary.json'
    if (Test-Path -LiteralPath $summary) { Remove-Item -LiteralPath $summary }
    $sandbox = Start-OktaSandbox -SandboxDll $sandboxDll
    try {
        $env:OKTAEH_SANDBOX_URL = $sandbox.BaseUrl
        $env:OKTAEH_SANDBOX_TOKEN = $sandbox.ApiToken
        $env:OKTAEH_SANDBOX_DLL = $sandboxDll
        $env:OKTAEH_MODULE = Join-Path $staged 'OktaEventHooks.psd1'
        $env:OKTAEH_NUGET_ROOT = Get-NuGetPackageRoot
        & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tests/Invoke-PesterSuite.ps1') -PesterPath $pester -SummaryPath $summary -Name $Name | Out-Host
    }
    finally {
        Stop-OktaSandbox $sandbox
        Remove-Item Env:OKTAEH_SANDBOX_URL, Env:OKTAEH_SANDBOX_TOKEN -ErrorAction SilentlyContinue
    }
    if (-not (Test-Path -LiteralPath $summary)) { return [pscustomobject]@{ Passed = 0; Failed = 1 } }
    Get-Content -LiteralPath $summary -Raw | ConvertFrom-Json
}

# The Desktop set under Mono (tools/Invoke-MonoSmoke.ps1): installs Mono where missing on Linux, skips elsewhere.
function Invoke-MonoSmoke {
    $summary = Join-Path $outDir 'mono-smoke.json'
    if (Test-Path -LiteralPath $summary) { Remove-Item -LiteralPath $summary }
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tools/Invoke-MonoSmoke.ps1') -ModuleDirectory $staged `
        -SmokeExe (Join-Path $root "tests/OktaEventHooks.DesktopSmoke/bin/$Configuration/net472/OktaEventHooks.DesktopSmoke.exe") `
        -SandboxDll $sandboxDll -SummaryPath $summary | Out-Host
    if (-not (Test-Path -LiteralPath $summary)) { return [pscustomobject]@{ Passed = 0; Failed = 1 } }
    Get-Content -LiteralPath $summary -Raw | ConvertFrom-Json
}

function Invoke-Test {
    Invoke-Build
    $dotnet = Invoke-DotnetTests
    $pester = Invoke-PesterTests
    $mono = Invoke-MonoSmoke
    $passed = $dotnet.Passed + $pester.Passed + $mono.Passed
    $failed = $dotnet.Failed + $pester.Failed + $mono.Failed
    Write-Host "xunit: $($dotnet.Passed) passed, $($dotnet.Failed) failed; Pester: $($pester.Passed) passed, $($pester.Failed) failed; Mono smoke: $($mono.Passed) passed, $($mono.Failed) failed"
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    $sandbox = Start-OktaSandbox -SandboxDll $sandboxDll
    try {
        Write-Host "Sandbox org running at $($sandbox.BaseUrl)"
        & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tools/demo.ps1') `
            -ModulePath (Join-Path $staged 'OktaEventHooks.psd1') -OrgUrl $sandbox.BaseUrl -ApiToken $sandbox.ApiToken
        if ($LASTEXITCODE -ne 0) { throw "The demo failed (exit code $LASTEXITCODE)." }
    }
    finally {
        Stop-OktaSandbox $sandbox
        Write-Host 'Sandbox org stopped.'
    }
}

function Invoke-Docs {
    Invoke-Build
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tools/Test-Docs.ps1') -ModulePath (Join-Path $staged 'OktaEventHooks.psd1') -DocsPath (Join-Path $root 'docs/en-US')
    if ($LASTEXITCODE -ne 0) { throw 'The docs do not match the cmdlets.' }
}

function Invoke-Bench {
    Invoke-Build
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tools/Bench.ps1') -ModulePath (Join-Path $staged 'OktaEventHooks.psd1') `
        -SandboxDll $sandboxDll -OutputPath (Join-Path $outDir 'bench') -PackagesPath (Get-NuGetPackageRoot)
    if ($LASTEXITCODE -ne 0) { throw "The benchmark failed (exit code $LASTEXITCODE)." }
}

function Invoke-Package {
    Import-Module (Join-Path $root 'tools/Package.psm1') -Force
    $changelog = Join-Path $root 'CHANGELOG.md'
    $null = Get-PackageRelease -ChangelogPath $changelog -ModuleVersion $version  # refuse before compiling
    Invoke-Build
    # A .nupkg of another version left from an earlier run would be copied to a repository with this one.
    $packagesDir = Join-Path $outDir 'packages'
    Get-ChildItem -LiteralPath $packagesDir -Filter 'OktaEventHooks.*.nupkg' -ErrorAction SilentlyContinue | Remove-Item -Force
    $packages = New-ModulePackage -ModulePath $staged -OutputPath $packagesDir -ChangelogPath $changelog -LicensePath (Join-Path $root 'LICENSE')
    if ($packages.Prerelease) {
        Write-Host "Packaged OktaEventHooks $($packages.PackageVersion): a prerelease of $version from the [Unreleased] notes of CHANGELOG.md (installed with -Prerelease)"
    }
    else {
        Write-Host "Packaged OktaEventHooks $($packages.PackageVersion): the release of CHANGELOG.md's section [$version]"
    }
    foreach ($file in $packages.Nupkg, $packages.Zip) {
        Write-Host ('  {0} ({1:N0} bytes)' -f $file.FullName, $file.Length)
    }
}

foreach ($taskName in $Task) {
    switch ($taskName) {
        'build'   { Invoke-Build }
        'test'    { Invoke-Test }
        'demo'    { Invoke-Demo }
        'docs'    { Invoke-Docs }
        'bench'   { Invoke-Bench }
        'package' { Invoke-Package }
    }
}
