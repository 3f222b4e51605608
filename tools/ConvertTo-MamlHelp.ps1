#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Turns docs/en-US (PlatyPS markdown, schema 2.0.0) into the module's MAML help and about_*.help.txt.
.DESCRIPTION
    Runs tools/HelpBuilder (a small C# tool using Markdig), building it first when its build is missing or older
    than its sources. Writes <external help file> (OktaEventHooks.dll-Help.xml: one command:command per cmdlet page,
    the shape PlatyPS's New-ExternalHelp writes) and about_<Topic>.help.txt into -OutputPath.

    A malformed page stops the conversion: every problem is listed as '<file>:<line>: <message>' and the script
    throws, so the build fails (run with pwsh -File, the exit code is 1). Nothing is written then.

    -AsModel writes no files: it returns the parsed pages and their problems (Test-Docs.ps1 uses it).
.EXAMPLE
    ./tools/ConvertTo-MamlHelp.ps1 -DocsPath ./docs/en-US -OutputPath ./out/OktaEventHooks/0.3.0/en-US
#>
[CmdletBinding(DefaultParameterSetName = 'Maml')]
param(
    [Parameter(Mandatory)]
    [string] $DocsPath,

    [Parameter(Mandatory, ParameterSetName = 'Maml')]
    [string] $OutputPath,

    [Parameter(Mandatory, ParameterSetName = 'Model')]
    [switch] $AsModel
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$toolDir = Join-Path $PSScriptRoot 'HelpBuilder'
$project = Join-Path $toolDir 'HelpBuilder.csproj'
$dll = Join-Path $toolDir 'bin/Release/net10.0/HelpBuilder.dll'

# Build the tool only when needed: a build check through 'dotnet run' would cost seconds on every build.
function Update-HelpBuilder {
    $inputs = @(
        Get-ChildItem -LiteralPath $toolDir -File -Include *.cs, *.csproj -Recurse |
            Where-Object { $_.FullName -notmatch '[\\/](bin|obj|TestData)[\\/]' }
        Get-Item -LiteralPath (Join-Path $PSScriptRoot '../Directory.Build.props'), (Join-Path $PSScriptRoot '../.editorconfig') -ErrorAction SilentlyContinue
    )
    if (Test-Path -LiteralPath $dll) {
        $built = (Get-Item -LiteralPath $dll).LastWriteTimeUtc
        if (-not ($inputs | Where-Object LastWriteTimeUtc -gt $built)) { return }
    }
    Write-Verbose "Building $project"
    $log = & dotnet build $project -c Release --nologo -v quiet -clp:ErrorsOnly 2>&1
    if ($LASTEXITCODE -ne 0) {
        throw "Building tools/HelpBuilder failed (exit code $LASTEXITCODE):`n$($log -join "`n")"
    }
    # MSBuild leaves the dll's time alone when nothing changed; touch it so the check above holds next time.
    (Get-Item -LiteralPath $dll).LastWriteTimeUtc = [datetime]::UtcNow
}

# Runs the tool; returns its exit code and its stdout and stderr lines (stderr is not an error record here).
function Invoke-HelpBuilder {
    param([string[]] $ArgumentList)
    $ErrorActionPreference = 'Continue'
    $lines = & dotnet $dll @ArgumentList 2>&1 | ForEach-Object { "$_" }
    [pscustomobject]@{ ExitCode = $LASTEXITCODE; Lines = @($lines) }
}

if (-not (Test-Path -LiteralPath $DocsPath -PathType Container)) {
    throw "The docs folder '$DocsPath' does not exist."
}
$DocsPath = (Resolve-Path -LiteralPath $DocsPath).ProviderPath
$stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
Update-HelpBuilder

if ($AsModel) {
    $result = Invoke-HelpBuilder @('model', '--docs', $DocsPath)
    if ($result.ExitCode -ne 0) { throw "HelpBuilder failed (exit code $($result.ExitCode)):`n$($result.Lines -join "`n")" }
    return ($result.Lines -join "`n") | ConvertFrom-Json -Depth 32
}

if (-not (Get-ChildItem -LiteralPath $DocsPath -Filter *.md -File)) {
    Write-Warning "No help pages in $DocsPath; the module gets no MAML help."
    return
}

$OutputPath = [System.IO.Path]::GetFullPath($OutputPath, (Get-Location).ProviderPath)
$result = Invoke-HelpBuilder @('maml', '--docs', $DocsPath, '--out', $OutputPath)
switch ($result.ExitCode) {
    0 { Write-Host "$($result.Lines -join ' ') Total $($stopwatch.ElapsedMilliseconds) ms." }
    1 { throw "The help pages in $DocsPath are malformed:`n$($result.Lines -join "`n")" }
    default { throw "HelpBuilder failed (exit code $($result.ExitCode)):`n$($result.Lines -join "`n")" }
}
