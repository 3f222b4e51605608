# Makes the two packages of a staged module (build.ps1 package; tests/Package.Tests.ps1 uses the same code):
#   OktaEventHooks.<version>.nupkg  Publish-PSResource of the module to a local file repository; the manifest is the
#                                   source of the package's metadata (no nuspec of our own).
#   OktaEventHooks.zip              one top folder OktaEventHooks/ with the manifest in it and no version folder,
#                                   as Azure Automation imports a module (and as anyone copies one by hand).
# Both are made from one copy of the staged module, to which the packaging adds LICENSE and, in the manifest,
# ReleaseNotes and, for a prerelease, Prerelease: Get-PackageRelease decides from CHANGELOG.md whether the code is
# the release of ModuleVersion or a prerelease of it (<version> is then 0.3.0-preview). The staged module and the
# repository's manifest are not changed.
#
# PSResourceGet runs in a child pwsh with a HOME of its own (Initialize-PrivateHome), in which the only registered
# repository is the local folder it publishes to, so the user's own repository list is never read or changed
# and nothing is asked of any gallery.

$script:ModuleName = 'OktaEventHooks'

# The label of a package built from the [Unreleased] notes. A module's Prerelease string is ASCII letters and
# digits only (the rule documented for the PowerShell Gallery and enforced by PowerShellGet 2's Install-Module: no
# '.', '+' or inner '-'), and it sorts below the release of the same version.
$script:PrereleaseLabel = 'preview'

# The '## [<name>]' sections of CHANGELOG.md, in file order: Name, Heading, Body (the lines under the heading up to
# the next '## ' heading, trimmed) and HasNotes (a line in Body that is not a heading such as '### Added').
function Read-Changelog {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [string] $Version
    )
    if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) {
        throw "Cannot package $script:ModuleName $Version`: there is no CHANGELOG.md at $Path; the release notes are taken from it."
    }
    $sections = [Collections.Generic.List[object]]::new()
    $current = $null
    foreach ($line in Get-Content -LiteralPath $Path -Encoding utf8) {
        if ($line -match '^##\s') {
            $current = $null
            if ($line -match '^##\s+\[(?<name>[^\]]+)\](\s|$)') {
                $current = [pscustomobject]@{ Name = $Matches.name.Trim(); Heading = $line.Trim(); Lines = [Collections.Generic.List[string]]::new() }
                $sections.Add($current)
            }
        }
        elseif ($current) { $current.Lines.Add($line) }
    }
    foreach ($section in $sections) {
        [pscustomobject]@{
            Name     = $section.Name
            Heading  = $section.Heading
            Body     = ($section.Lines -join "`n").Trim()
            HasNotes = [bool] @($section.Lines | Where-Object { $_ -match '\S' -and $_ -notmatch '^\s*#' }).Count
        }
    }
}

# A version with its missing parts as 0 (0.3 and 0.3.0 are one version), or $null for text that is no version.
function ConvertTo-ComparableVersion([string] $Text) {
    $parsed = $null
    if (-not [version]::TryParse($Text, [ref] $parsed)) { return $null }
    [version]::new($parsed.Major, $parsed.Minor, [Math]::Max($parsed.Build, 0), [Math]::Max($parsed.Revision, 0))
}

# The lines of CHANGELOG.md under '## [<Version>]' up to the next '## ' heading, with the heading itself first.
function Get-ChangelogSection {
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [string] $Version
    )
    $section = Read-Changelog -Path $Path -Version $Version | Where-Object Name -eq $Version | Select-Object -First 1
    if (-not $section) {
        throw "Cannot package $script:ModuleName $Version`: CHANGELOG.md ($Path) has no section '## [$Version] - <date>' for this version (ModuleVersion in OktaEventHooks.psd1)."
    }
    if (-not $section.HasNotes) {
        throw "Cannot package $script:ModuleName $Version`: the section '$($section.Heading)' of CHANGELOG.md ($Path) is empty; write what changed in $Version there."
    }
    "$($section.Heading)`n`n$($section.Body)"
}

# What the code is, from CHANGELOG.md and ModuleVersion: Version (ModuleVersion), Prerelease ($null for a release),
# PackageVersion (the version with its label: 0.3.0-preview) and ReleaseNotes. The one home of the rule:
#   a section '## [<ModuleVersion>] - <date>' with notes, and no notes under [Unreleased]  -> the release of it;
#   notes under [Unreleased], no section for ModuleVersion, ModuleVersion above every release in CHANGELOG.md
#                                                                                          -> a prerelease of it;
#   anything else is refused, saying what to change.
function Get-PackageRelease {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $ChangelogPath,
        [Parameter(Mandatory)] [string] $ModuleVersion
    )
    $cannot = "Cannot package $script:ModuleName $ModuleVersion`:"
    $comparable = ConvertTo-ComparableVersion $ModuleVersion
    if (-not $comparable) { throw "$cannot ModuleVersion '$ModuleVersion' in OktaEventHooks.psd1 is not a version." }
    $sections = @(Read-Changelog -Path $ChangelogPath -Version $ModuleVersion)
    $unreleased = $sections | Where-Object Name -eq 'Unreleased' | Select-Object -First 1
    $unreleasedNotes = $unreleased -and $unreleased.HasNotes
    $own = $sections | Where-Object Name -eq $ModuleVersion | Select-Object -First 1
    $latest = $sections | ForEach-Object { [pscustomobject]@{ Heading = $_.Heading; Name = $_.Name; Version = ConvertTo-ComparableVersion $_.Name } } |
        Where-Object Version | Sort-Object Version -Descending | Select-Object -First 1
    $nextVersions = "$($comparable.Major).$($comparable.Minor).$($comparable.Build + 1) or $($comparable.Major).$($comparable.Minor + 1).0"

    if ($own) {
        $notes = Get-ChangelogSection -Path $ChangelogPath -Version $ModuleVersion
        if ($unreleasedNotes) {
            throw "$cannot ModuleVersion $ModuleVersion is already released (CHANGELOG.md '$($own.Heading)'), and CHANGELOG.md has notes under [Unreleased]: the code has changes after that release, and a package would name them $ModuleVersion. Either cut a new release (move the [Unreleased] notes into a section '## [<next version>] - <date>' and set ModuleVersion to that version), or set ModuleVersion to the next version ($nextVersions) to build a prerelease of it from [Unreleased]."
        }
        if ($latest.Version -gt $comparable) {
            throw "$cannot ModuleVersion $ModuleVersion is not the latest release in CHANGELOG.md ('$($latest.Heading)'); the code holds what was released after it. Set ModuleVersion to $($latest.Name) to package that release."
        }
        return [pscustomobject]@{ Version = $ModuleVersion; Prerelease = $null; PackageVersion = $ModuleVersion; ReleaseNotes = $notes }
    }
    if (-not $unreleasedNotes) {
        throw "$cannot CHANGELOG.md ($ChangelogPath) has no section '## [$ModuleVersion] - <date>' for this version (ModuleVersion in OktaEventHooks.psd1), and no notes under [Unreleased]. Write what changed in a section '## [$ModuleVersion] - <date>' (a release) or under '## [Unreleased]' (a prerelease of $ModuleVersion); the package's release notes are taken from it."
    }
    if ($latest -and $latest.Version -ge $comparable) {
        $state = if ($latest.Version -eq $comparable) { 'is already released' } else { 'is below the latest release' }
        throw "$cannot ModuleVersion $ModuleVersion $state (CHANGELOG.md '$($latest.Heading)'), so a prerelease of it built from [Unreleased] would sort below what is released. Set ModuleVersion to the next version, above $($latest.Name), to build a prerelease of it."
    }
    if ($ModuleVersion -notmatch '^\d+\.\d+\.\d+$') {
        throw "$cannot a prerelease needs a ModuleVersion of three parts (Major.Minor.Build), as PowerShellGet and PSResourceGet do; '$ModuleVersion' is not."
    }
    $after = if ($latest) { " after $($latest.Name)" } else { '' }
    $packageVersion = "$ModuleVersion-$script:PrereleaseLabel"
    [pscustomobject]@{
        Version        = $ModuleVersion
        Prerelease     = $script:PrereleaseLabel
        PackageVersion = $packageVersion
        ReleaseNotes   = "## [$packageVersion] - a prerelease of $ModuleVersion, built from the unreleased changes$after`n`n$($unreleased.Body)"
    }
}

# Writes ReleaseNotes and, for a prerelease, Prerelease into the PSData of a manifest file (a packaging copy, never
# the repository's manifest). The file is written as UTF-8 with a BOM, so that Windows PowerShell 5.1 reads
# non-ASCII notes right.
function Set-ManifestPackageData {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $ManifestPath,
        [Parameter(Mandatory)] [string] $ReleaseNotes,
        [string] $Prerelease
    )
    $text = [IO.File]::ReadAllText($ManifestPath)
    $data = Import-PowerShellDataFile -LiteralPath $ManifestPath
    foreach ($key in 'ReleaseNotes', 'Prerelease') {
        if ($data.PrivateData.PSData.ContainsKey($key)) { throw "$ManifestPath already has $key; packaging adds it from CHANGELOG.md only." }
    }
    if ($Prerelease -and $Prerelease -notmatch '^[A-Za-z][A-Za-z0-9]*$') {
        throw "The prerelease label '$Prerelease' is not ASCII letters and digits beginning with a letter, which is all a module's Prerelease may be."
    }
    $psData = [regex]::Match($text, '(?m)^(?<indent>[ \t]*)PSData\s*=\s*@\{[ \t]*\r?\n')
    if (-not $psData.Success) { throw "$ManifestPath has no 'PSData = @{' line to add the release notes to." }
    # In a single-quoted string every kind of single quote PowerShell knows is doubled.
    $quoted = "'" + ($ReleaseNotes -replace "[\u0027\u2018\u2019\u201A\u201B]", '$0$0') + "'"
    $indent = "$($psData.Groups['indent'].Value)    "
    $lines = "$($indent)ReleaseNotes = $quoted`n"
    if ($Prerelease) { $lines = "$($indent)Prerelease = '$Prerelease'`n" + $lines }
    $text = $text.Insert($psData.Index + $psData.Length, $lines)
    [IO.File]::WriteAllText($ManifestPath, $text, [Text.UTF8Encoding]::new($true))
    $written = (Import-PowerShellDataFile -LiteralPath $ManifestPath).PrivateData.PSData
    if ($written.ReleaseNotes -ne $ReleaseNotes -or "$($written.Prerelease)" -ne "$Prerelease") {
        throw "The release notes or the prerelease label written to $ManifestPath do not read back as they were given."
    }
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
# OktaEventHooks.<version>.nupkg (0.3.0 for a release, 0.3.0-preview for a prerelease; see Get-PackageRelease) and
# OktaEventHooks.zip, each replaced if it is there. Returns Version (ModuleVersion), Prerelease, PackageVersion,
# Nupkg, Zip.
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
    $release = Get-PackageRelease -ChangelogPath $ChangelogPath -ModuleVersion $version
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
        Set-ManifestPackageData -ManifestPath $packagedManifest -ReleaseNotes $release.ReleaseNotes -Prerelease $release.Prerelease
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
            throw "Publish-PSResource of $script:ModuleName $($release.PackageVersion) failed (exit code $($run.ExitCode)): $(($run.ErrorOutput, $run.Output) -join "`n")".Trim()
        }
        # Publish-PSResource names the file by the manifest's ModuleVersion and Prerelease: the name says what it is.
        $nupkgName = "$script:ModuleName.$($release.PackageVersion).nupkg"
        if ($nupkg[0].Name -ne $nupkgName) { throw "Publish-PSResource wrote $($nupkg[0].Name), not $nupkgName." }

        $null = New-Item -ItemType Directory -Force -Path $OutputPath
        $nupkgPath = Join-Path $OutputPath $nupkgName
        $zipPath = Join-Path $OutputPath "$script:ModuleName.zip"
        Remove-Item -LiteralPath $nupkgPath, $zipPath -Force -ErrorAction SilentlyContinue
        Move-Item -LiteralPath $nupkg[0].FullName -Destination $nupkgPath
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        [IO.Compression.ZipFile]::CreateFromDirectory($content, $zipPath, [IO.Compression.CompressionLevel]::Optimal, $true)
        [pscustomobject]@{
            Version        = $version
            Prerelease     = $release.Prerelease
            PackageVersion = $release.PackageVersion
            Nupkg          = Get-Item -LiteralPath $nupkgPath
            Zip            = Get-Item -LiteralPath $zipPath
        }
    }
    finally {
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    }
}

Export-ModuleMember -Function Get-ChangelogSection, Get-PackageRelease, Set-ManifestPackageData, Initialize-PrivateHome, Invoke-PrivatePwsh, New-ModulePackage
