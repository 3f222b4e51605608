# Makes the two packages of a staged module (build.ps1 package; tests/Package.Tests.ps1 uses the same code):
#   OktaEventHooks.<version>.nupkg  Publish-PSResource of the module to a local file repository; the manifest is the
#                                   source of the package's metadata (no nuspec of our own).
#   OktaEventHooks.zip              one top folder OktaEventHooks/ with the manifest in it and no version folder,
#                                   as Azure Automation imports a module (and as anyone copies one by hand).
# Both are made from one copy of the staged module, to which the packaging adds LICENSE and, in the manifest,
# ReleaseNotes taken from the CHANGELOG.md section of the module's version. The staged module and the
# repository's manifest are not changed.
#
# PSResourceGet runs in a child pwsh with a HOME of its own (Initialize-PrivateHome), in which the only registered
# repository is the local folder it publishes to, so the user's own repository list is never read or changed
# and nothing is asked of any gallery.

$script:ModuleName = 'OktaEventHooks'

# The lines of CHANGELOG.md under '## [<Version>]' up to the next '## ' heading, with the heading itself first.
function Get-ChangelogSection {
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [string] $Version
    )
    if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) {
        throw "Cannot package $script:ModuleName $Version`: there is no CHANGELOG.md at $Path; the release notes are taken from it."
    }
    $lines = @(Get-Content -LiteralPath $Path -Encoding utf8)
    $heading = '^##\s+\[' + [regex]::Escape($Version) + '\](\s|$)'
    $start = -1
    for ($i = 0; $i -lt $lines.Count; $i++) { if ($lines[$i] -match $heading) { $start = $i; break } }
    if ($start -lt 0) {
        throw "Cannot package $script:ModuleName $Version`: CHANGELOG.md ($Path) has no section '## [$Version] - <date>' for this version (ModuleVersion in OktaEventHooks.psd1). Move the [Unreleased] notes into such a section, or set ModuleVersion to a version that has one; the package's release notes are taken from it."
    }
    $end = $lines.Count
    for ($i = $start + 1; $i -lt $lines.Count; $i++) { if ($lines[$i] -match '^##\s') { $end = $i; break } }
    $body = if ($start + 1 -lt $end) { ($lines[($start + 1)..($end - 1)] -join "`n").Trim() } else { '' }
    if (-not $body) {
        throw "Cannot package $script:ModuleName $Version`: the section '$($lines[$start].Trim())' of CHANGELOG.md ($Path) is empty; write what changed in $Version there."
    }
    "$($lines[$start].Trim())`n`n$body"
}

# Writes ReleaseNotes into the PSData of a manifest file (a packaging copy, never the repository's manifest).
# The file is written as UTF-8 with a BOM, so that Windows PowerShell 5.1 reads non-ASCII notes right.
function Set-ManifestReleaseNotes {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $ManifestPath,
        [Parameter(Mandatory)] [string] $ReleaseNotes
    )
    $text = [IO.File]::ReadAllText($ManifestPath)
    $data = Import-PowerShellDataFile -LiteralPath $ManifestPath
    if ($data.PrivateData.PSData.ContainsKey('ReleaseNotes')) { throw "$ManifestPath already has ReleaseNotes; they come from CHANGELOG.md only." }
    $psData = [regex]::Match($text, '(?m)^(?<indent>[ \t]*)PSData\s*=\s*@\{[ \t]*\r?\n')
    if (-not $psData.Success) { throw "$ManifestPath has no 'PSData = @{' line to add the release notes to." }
    # In a single-quoted string every kind of single quote PowerShell knows is doubled.
    $quoted = "'" + ($ReleaseNotes -replace "[\u0027\u2018\u2019\u201A\u201B]", '$0$0') + "'"
    $line = "$($psData.Groups['indent'].Value)    ReleaseNotes = $quoted`n"
    $text = $text.Insert($psData.Index + $psData.Length, $line)
    [IO.File]::WriteAllText($ManifestPath, $text, [Text.UTF8Encoding]::new($true))
    $written = (Import-PowerShellDataFile -LiteralPath $ManifestPath).PrivateData.PSData.ReleaseNotes
    if ($written -ne $ReleaseNotes) { throw "The release notes written to $ManifestPath do not read back as they were given." }
}

# A HOME for a child pwsh: its CurrentUser module folder, PSResourceGet's settings, caches and temp files are all
# below it. PSResourceGet's repository list is created empty, so no default repository is registered there.
# .config exists, so NuGet writes its NuGet.Config there rather than into the current folder.
function Initialize-PrivateHome {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Path)
    foreach ($folder in '.local/share/PSResourceGet', '.config', '.cache', '.tmp') {
        $null = New-Item -ItemType Directory -Force -Path (Join-Path $Path $folder)
    }
    $repositories = Join-Path $Path '.local/share/PSResourceGet/PSResourceRepository.xml'
    Set-Content -LiteralPath $repositories -Value "<?xml version=`"1.0`" encoding=`"utf-8`"?>`n<configuration />" -Encoding utf8
    $Path
}

# Runs a script file in a fresh pwsh (the one running now): no profile, not interactive, no colour, no telemetry.
# With -HomePath its HOME (and XDG folders) is that folder, its TMPDIR is .tmp in it (PSResourceGet and NuGet leave
# files there) and PSModulePath is left to pwsh's defaults for that HOME.
# It runs in -WorkingDirectory, by default -HomePath: Publish-PSResource (NuGet) writes NuGet/NuGet.Config into the
# user's config folder, or into the current folder when there is no config folder, and that must not be the
# repository. Returns ExitCode, Output, ErrorOutput.
function Invoke-PrivatePwsh {
    [CmdletBinding()]
    param(
        [string] $HomePath,
        [Parameter(Mandatory)] [string] $ScriptPath,
        [string[]] $ArgumentList = @(),
        [hashtable] $Environment = @{},
        [string] $WorkingDirectory = $HomePath,
        [int] $TimeoutSec = 300
    )
    if ($HomePath -and $IsWindows) { throw 'A private HOME does not work on Windows: the CurrentUser folders there do not follow HOME.' }
    $exe = [Environment]::ProcessPath
    $info = [Diagnostics.ProcessStartInfo]::new($exe)
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
    foreach ($argument in @('-NoProfile', '-NonInteractive', '-File', $ScriptPath) + $ArgumentList) { $info.ArgumentList.Add($argument) }
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $settings = @{
        NO_COLOR                    = '1'
        POWERSHELL_TELEMETRY_OPTOUT = '1'
        POWERSHELL_UPDATECHECK      = 'Off'
        DOTNET_CLI_TELEMETRY_OPTOUT = '1'
        DOTNET_NOLOGO               = '1'
    }
    if ($WorkingDirectory) { $info.WorkingDirectory = $WorkingDirectory }
    if ($HomePath) {
        $settings.HOME = $HomePath
        $settings.XDG_DATA_HOME = Join-Path $HomePath '.local/share'
        $settings.XDG_CONFIG_HOME = Join-Path $HomePath '.config'
        $settings.XDG_CACHE_HOME = Join-Path $HomePath '.cache'
        $settings.TMPDIR = Join-Path $HomePath '.tmp'
        $settings.PSModulePath = $null
    }
    foreach ($key in $Environment.Keys) { $settings[$key] = $Environment[$key] }
    foreach ($key in $settings.Keys) {
        if ($null -eq $settings[$key]) { $null = $info.Environment.Remove($key) } else { $info.Environment[$key] = $settings[$key] }
    }
    $process = [Diagnostics.Process]::Start($info)
    try {
        $output = $process.StandardOutput.ReadToEndAsync()
        $errorOutput = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSec * 1000)) {
            $process.Kill($true)
            throw "The child pwsh running $ScriptPath did not finish within $TimeoutSec s."
        }
        $process.WaitForExit()
        [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $output.Result; ErrorOutput = $errorOutput.Result }
    }
    finally { $process.Dispose() }
}

# The packages of the staged module at -ModulePath (the folder holding OktaEventHooks.psd1), written to -OutputPath:
# OktaEventHooks.<version>.nupkg and OktaEventHooks.zip, each replaced if it is there. Returns Version, Nupkg, Zip.
function New-ModulePackage {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $ModulePath,
        [Parameter(Mandatory)] [string] $OutputPath,
        [Parameter(Mandatory)] [string] $ChangelogPath,
        [Parameter(Mandatory)] [string] $LicensePath
    )
    $ErrorActionPreference = 'Stop'
    $manifest = Join-Path $ModulePath "$script:ModuleName.psd1"
    if (-not (Test-Path -LiteralPath $manifest)) { throw "No staged module at $ModulePath (no $script:ModuleName.psd1). Run ./build.ps1 build first." }
    if (-not (Test-Path -LiteralPath $LicensePath -PathType Leaf)) { throw "There is no LICENSE at $LicensePath; it ships in both packages." }
    $version = (Import-PowerShellDataFile -LiteralPath $manifest).ModuleVersion
    $notes = Get-ChangelogSection -Path $ChangelogPath -Version $version
    $leftovers = @(Get-ChildItem -LiteralPath $ModulePath -Recurse -Force |
        Where-Object { $_.Name -in 'bin', 'obj' -or $_.Extension -eq '.pdb' })
    if ($leftovers) { throw "The staged module at $ModulePath holds build leftovers: $($leftovers.FullName -join ', ')." }

    $work = Join-Path ([IO.Path]::GetTempPath()) "oktaeh-package-$([guid]::NewGuid().ToString('N'))"
    try {
        # The one copy both packages are made from.
        $content = Join-Path $work "module/$script:ModuleName"
        $null = New-Item -ItemType Directory -Path $content
        Copy-Item -Path (Join-Path $ModulePath '*') -Destination $content -Recurse
        Copy-Item -LiteralPath $LicensePath -Destination (Join-Path $content 'LICENSE')
        $packagedManifest = Join-Path $content "$script:ModuleName.psd1"
        Set-ManifestReleaseNotes -ManifestPath $packagedManifest -ReleaseNotes $notes
        $warnings = $null
        $null = Test-ModuleManifest -Path $packagedManifest -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction Stop
        if ($warnings) { throw "Test-ModuleManifest warns about the packaged manifest: $($warnings -join ' ')" }

        # Publish-PSResource to a local file repository, in a child pwsh whose HOME is its own. On Windows, where
        # PSResourceGet's settings do not follow HOME, the repository is registered under a name of its own in the
        # user's settings for the time of the publish, and unregistered after it.
        $repository = New-Item -ItemType Directory -Path (Join-Path $work 'repository')
        $isolation = @{}
        if (-not $IsWindows) { $isolation.HomePath = Initialize-PrivateHome -Path (Join-Path $work 'home') }
        $script = Join-Path $work 'publish.ps1'
        Set-Content -LiteralPath $script -Encoding utf8 -Value @'
param([string] $Repository, [string] $Path)
$ErrorActionPreference = 'Stop'
$name = "OktaEventHooksPackaging-$([guid]::NewGuid().ToString('N'))"
Register-PSResourceRepository -Name $name -Uri $Repository -Trusted
try { Publish-PSResource -Path $Path -Repository $name }
finally { Unregister-PSResourceRepository -Name $name }
'@
        $run = Invoke-PrivatePwsh @isolation -WorkingDirectory $work -ScriptPath $script -ArgumentList $repository.FullName, $content
        $nupkg = @(Get-ChildItem -LiteralPath $repository.FullName -Filter '*.nupkg')
        if ($run.ExitCode -ne 0 -or $nupkg.Count -ne 1) {
            throw "Publish-PSResource of $script:ModuleName $version failed (exit code $($run.ExitCode)): $(($run.ErrorOutput, $run.Output) -join "`n")".Trim()
        }

        $null = New-Item -ItemType Directory -Force -Path $OutputPath
        $nupkgPath = Join-Path $OutputPath "$script:ModuleName.$version.nupkg"
        $zipPath = Join-Path $OutputPath "$script:ModuleName.zip"
        Remove-Item -LiteralPath $nupkgPath, $zipPath -Force -ErrorAction SilentlyContinue
        Move-Item -LiteralPath $nupkg[0].FullName -Destination $nupkgPath
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        [IO.Compression.ZipFile]::CreateFromDirectory($content, $zipPath, [IO.Compression.CompressionLevel]::Optimal, $true)
        [pscustomobject]@{
            Version = $version
            Nupkg   = Get-Item -LiteralPath $nupkgPath
            Zip     = Get-Item -LiteralPath $zipPath
        }
    }
    finally {
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    }
}

Export-ModuleMember -Function Get-ChangelogSection, Set-ManifestReleaseNotes, Initialize-PrivateHome, Invoke-PrivatePwsh, New-ModulePackage
