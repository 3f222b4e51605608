# The packages an admin installs from: build.ps1 package's OktaEventHooks.<version>.nupkg and
# OktaEventHooks.zip, made by tools/Package.psm1, used as a user would use them. <version> is ModuleVersion for a
# release, or ModuleVersion-preview for a prerelease built from CHANGELOG.md's [Unreleased] notes (Get-PackageRelease);
# the tests of what only a prerelease does run when this repository builds one.
#
# The packages are the ones in out/packages when they are newer than the staged module, CHANGELOG.md, LICENSE and
# tools/Package.psm1 (after `build.ps1 package`); otherwise they are made here from the staged module, with the same code, into a temp
# folder. They go into a local PSResourceGet repository (a temp folder). Two later packages go into a second one: the
# release of this version, made with a CHANGELOG.md that has its section, and a higher version, made from a copy of
# the staged module whose manifest says so. Every install and import runs in a fresh pwsh
# whose HOME is a temp folder of its own (Initialize-PrivateHome): the only repositories registered there are those
# folders, so nothing is asked of any gallery and nothing but the loopback sandbox org is contacted. The user's own
# profile is never touched; every temp folder is removed at the end.
# The second Describe pins the rule that names a package, with small CHANGELOG.md files of its own.
# Not on Windows: there the CurrentUser folders do not follow HOME, so a private profile cannot be made this way.

BeforeDiscovery {
    $onWindows = $IsWindows
    # A CHANGELOG.md that cannot be packaged is reported by the packaging in BeforeAll, not here.
    Import-Module "$PSScriptRoot/../tools/Package.psm1" -Force
    $thisIsPrerelease = try {
        $moduleVersion = (Import-PowerShellDataFile -LiteralPath "$PSScriptRoot/../OktaEventHooks.psd1").ModuleVersion
        [bool] (Get-PackageRelease -ChangelogPath "$PSScriptRoot/../CHANGELOG.md" -ModuleVersion $moduleVersion).Prerelease
    }
    catch { $false }
}

BeforeAll {
    Import-Module "$PSScriptRoot/../tools/Package.psm1" -Force
    Add-Type -AssemblyName System.IO.Compression.FileSystem

    # Name -> SHA256 of every file entry of a zip archive (a .nupkg is one too).
    function Get-ArchiveContent([string] $Path) {
        $archive = [IO.Compression.ZipFile]::OpenRead($Path)
        try {
            $content = @{}
            foreach ($entry in $archive.Entries | Where-Object Name) {
                $stream = $entry.Open()
                try { $content[$entry.FullName] = [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($stream)) }
                finally { $stream.Dispose() }
            }
            $content
        }
        finally { $archive.Dispose() }
    }

    # The text of one entry of a zip archive (a .nupkg is one too).
    function Read-ArchiveText([string] $Path, [string] $Entry) {
        $archive = [IO.Compression.ZipFile]::OpenRead($Path)
        try {
            $reader = [IO.StreamReader]::new($archive.GetEntry($Entry).Open())
            try { $reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally { $archive.Dispose() }
    }

    # A copy of the staged module in -Path (a folder named OktaEventHooks) whose manifest says -ModuleVersion; its
    # assemblies keep the version they were built with.
    function Copy-ModuleAs([string] $Staged, [string] $Path, [string] $ModuleVersion) {
        $null = New-Item -ItemType Directory -Path $Path
        Copy-Item -Path (Join-Path $Staged '*') -Destination $Path -Recurse
        $manifest = Join-Path $Path 'OktaEventHooks.psd1'
        $text = (Get-Content -LiteralPath $manifest -Raw) -replace "(?m)^(\s*ModuleVersion\s*=\s*)'[^']*'", "`${1}'$ModuleVersion'"
        Set-Content -LiteralPath $manifest -Value $text -NoNewline
        $Path
    }

    # The version a .nupkg says it is (its nuspec's <version>), as Find-PSResource and Install-PSResource read it.
    function Get-NupkgVersion([string] $Path) {
        ([xml] (Read-ArchiveText $Path 'OktaEventHooks.nuspec')).package.metadata.version
    }
}

Describe 'The packages' -Skip:$onWindows {
    BeforeAll {
        Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
        Initialize-TestSandbox

        $script:root = (Resolve-Path -LiteralPath "$PSScriptRoot/..").Path
        $script:sourceManifest = Import-PowerShellDataFile -LiteralPath "$root/OktaEventHooks.psd1"
        $script:version = $sourceManifest.ModuleVersion
        $script:manifestCommandCount = @($sourceManifest.CmdletsToExport).Count
        $script:staged = if ($env:OKTAEH_MODULE) { Split-Path -Parent $env:OKTAEH_MODULE } else { Join-Path $root "out/OktaEventHooks/$version" }
        $script:work = Join-Path ([IO.Path]::GetTempPath()) "oktaeh-package-tests-$([guid]::NewGuid().ToString('N'))"
        $script:repository = New-Item -ItemType Directory -Path (Join-Path $work 'repository')
        $script:laterRepository = New-Item -ItemType Directory -Path (Join-Path $work 'later')
        # What CHANGELOG.md makes of this version: its release, or a prerelease (Prerelease 'preview').
        $script:release = Get-PackageRelease -ChangelogPath "$root/CHANGELOG.md" -ModuleVersion $version
        $script:packageVersion = $release.PackageVersion
        $script:prerelease = "$($release.Prerelease)"

        # The packages of this version: reused from out/packages when they are current, made otherwise.
        $out = Join-Path $root 'out/packages'
        $nupkg = Join-Path $out "OktaEventHooks.$packageVersion.nupkg"
        $zip = Join-Path $out 'OktaEventHooks.zip'
        $inputs = @(Get-Item -LiteralPath $staged) + @(Get-ChildItem -LiteralPath $staged -Recurse) +
            @(Get-Item -LiteralPath "$root/CHANGELOG.md", "$root/LICENSE", "$root/OktaEventHooks.psd1", "$root/tools/Package.psm1")
        $newestInput = ($inputs | Measure-Object -Property LastWriteTimeUtc -Maximum).Maximum
        $current = (Test-Path -LiteralPath $nupkg) -and (Test-Path -LiteralPath $zip) -and
            (Get-Item -LiteralPath $nupkg).LastWriteTimeUtc -ge $newestInput -and (Get-Item -LiteralPath $zip).LastWriteTimeUtc -ge $newestInput
        if ($current) {
            Write-Host "Package tests: using the current packages in $out"
            $script:packages = [pscustomobject]@{
                Version = $version; Prerelease = $release.Prerelease; PackageVersion = $packageVersion
                Nupkg = Get-Item -LiteralPath $nupkg; Zip = Get-Item -LiteralPath $zip
            }
        }
        else {
            Write-Host "Package tests: making the packages of $staged"
            $script:packages = New-ModulePackage -ModulePath $staged -OutputPath (Join-Path $work 'packages') `
                -ChangelogPath "$root/CHANGELOG.md" -LicensePath "$root/LICENSE"
        }
        Copy-Item -LiteralPath $packages.Nupkg.FullName -Destination $repository.FullName

        # The release of this version: the staged module packaged with a CHANGELOG.md whose section of it has the notes.
        $releaseChangelog = Join-Path $work 'CHANGELOG-release.md'
        Set-Content -LiteralPath $releaseChangelog -Value "# Changelog`n`n## [Unreleased]`n`n## [$version] - 2026-12-01`n`n### Fixed`n`n- The release of $version.`n"
        $releasePackages = New-ModulePackage -ModulePath $staged -OutputPath (Join-Path $work 'release') -ChangelogPath $releaseChangelog -LicensePath "$root/LICENSE"
        Copy-Item -LiteralPath $releasePackages.Nupkg.FullName -Destination $laterRepository.FullName

        # A higher version: a copy of the staged module whose manifest has the next build number. Its assemblies
        # keep the version they were built with; what is tested with it is which copy PowerShell picks.
        $thisVersion = [version] $version
        $script:higher = [version]::new($thisVersion.Major, $thisVersion.Minor, $thisVersion.Build + 1).ToString()
        $bumped = Copy-ModuleAs -Staged $staged -Path (Join-Path $work 'bumped/OktaEventHooks') -ModuleVersion $higher
        $higherChangelog = Join-Path $work 'CHANGELOG-higher.md'
        Set-Content -LiteralPath $higherChangelog -Value "# Changelog`n`n## [$higher] - 2026-12-02`n`n### Fixed`n`n- A build to install beside $version.`n"
        $higherPackages = New-ModulePackage -ModulePath $bumped -OutputPath (Join-Path $work 'higher') -ChangelogPath $higherChangelog -LicensePath "$root/LICENSE"
        Copy-Item -LiteralPath $higherPackages.Nupkg.FullName -Destination $laterRepository.FullName

        # The zip extracted into a folder of its own, as a module path.
        $script:extracted = New-Item -ItemType Directory -Path (Join-Path $work 'extracted')
        [IO.Compression.ZipFile]::ExtractToDirectory($packages.Zip.FullName, $extracted.FullName)
        $script:packagedManifestPath = Join-Path $extracted 'OktaEventHooks/OktaEventHooks.psd1'
        function Invoke-InPrivateHome {
            param([Parameter(Mandatory)] [string] $HomePath, [Parameter(Mandatory)] [scriptblock] $Code, [hashtable] $Environment = @{})
            $id = [guid]::NewGuid().ToString('N')
            $scriptPath = Join-Path $work "child-$id.ps1"
            $resultPath = Join-Path $work "child-$id.json"
            Set-Content -LiteralPath $scriptPath -Encoding utf8 -Value @"
`$ErrorActionPreference = 'Stop'
`$result = & {
$Code
}
ConvertTo-Json -InputObject `$result -Depth 6 | Set-Content -LiteralPath `$env:OKTAEH_RESULT -Encoding utf8
"@
            $settings = @{
                OKTAEH_RESULT = $resultPath; OKTAEH_PKG_REPOSITORY = $repository.FullName; OKTAEH_PKG_LATER = $laterRepository.FullName
                OKTAEH_PKG_VERSION = $version; OKTAEH_PKG_PRERELEASE = $prerelease; OKTAEH_PKG_HIGHER = $higher
            }
            foreach ($key in $Environment.Keys) { $settings[$key] = $Environment[$key] }
            $run = Invoke-PrivatePwsh -HomePath $HomePath -ScriptPath $scriptPath -Environment $settings
            if ($run.ExitCode -ne 0 -or -not (Test-Path -LiteralPath $resultPath)) {
                throw "The child pwsh failed (exit code $($run.ExitCode)):`n$($run.ErrorOutput)`n$($run.Output)"
            }
            Get-Content -LiteralPath $resultPath -Raw | ConvertFrom-Json
        }

    }

    AfterAll {
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
        Stop-TestSandbox
    }

    Context 'OktaEventHooks.zip, for Azure Automation' {
        It 'has one top folder named like the zip, with the manifest, the dlls, lib/Core/, lib/Desktop/, en-US/, the format file and LICENSE in it' {
            $packages.Zip.Name | Should -Be 'OktaEventHooks.zip'
            $entries = @((Get-ArchiveContent $packages.Zip.FullName).Keys)
            $entries | Should -Not -Match '\\' -Because 'zip entries use forward slashes'
            @($entries | ForEach-Object { ($_ -split '/')[0] } | Sort-Object -Unique) | Should -Be @('OktaEventHooks')
            foreach ($file in 'OktaEventHooks.psd1', 'OktaEventHooks.dll', 'OktaEventHooks.Model.dll', 'OktaEventHooks.Loader.dll',
                'OktaEventHooks.Format.ps1xml', 'LICENSE', 'lib/Core/OktaEventHooks.Client.dll', 'lib/Core/RestSharp.dll', 'lib/Core/Newtonsoft.Json.dll',
                'lib/Desktop/OktaEventHooks.Client.dll', 'lib/Desktop/RestSharp.dll', 'lib/Desktop/Newtonsoft.Json.dll',
                'en-US/OktaEventHooks.dll-Help.xml', 'en-US/about_OktaEventHooks.help.txt') {
                $entries | Should -Contain "OktaEventHooks/$file"
            }
        }

        It 'holds each runtime''s own build of a dependency: lib/Desktop has the .NET Framework builds, lib/Core the netstandard2.0 ones' {
            $zip = Get-ArchiveContent $packages.Zip.FullName
            foreach ($name in 'RestSharp.dll', 'Newtonsoft.Json.dll', 'System.Text.Json.dll') {
                $zip["OktaEventHooks/lib/Desktop/$name"] | Should -Not -BeNullOrEmpty -Because $name
                $zip["OktaEventHooks/lib/Desktop/$name"] | Should -Not -Be $zip["OktaEventHooks/lib/Core/$name"] -Because "$name differs per runtime"
            }
            $zip.Keys | Should -Not -Contain 'OktaEventHooks/lib/Desktop/Microsoft.CSharp.dll' -Because '.NET Framework has its own (NuGet gives it nothing)'
            $zip.Keys | Should -Not -Contain 'OktaEventHooks/lib/Desktop/OktaEventHooks.DesktopSet.dll'
        }

        It 'holds exactly the staged module and LICENSE: no version folder, no bin/, obj/ or pdb files' {
            $entries = @((Get-ArchiveContent $packages.Zip.FullName).Keys)
            $entries | Should -Not -Match '(^|/)\d+(\.\d+){1,3}/' -Because 'Azure Automation wants no version folder'
            $entries | Should -Not -Match '(^|/)(bin|obj)/'
            $entries | Should -Not -Match '\.pdb$'
            $stagedFiles = Get-ChildItem -LiteralPath $staged -Recurse -File |
                ForEach-Object { 'OktaEventHooks/' + [IO.Path]::GetRelativePath($staged, $_.FullName).Replace('\', '/') }
            $entries | Sort-Object | Should -Be (@($stagedFiles) + 'OktaEventHooks/LICENSE' | Sort-Object)
        }

        It 'holds the same files as the nupkg' {
            $zip = Get-ArchiveContent $packages.Zip.FullName
            $nupkg = Get-ArchiveContent $packages.Nupkg.FullName
            $nupkgModule = @{}
            foreach ($name in $nupkg.Keys | Where-Object { $_ -notmatch '^(_rels/|package/|\[Content_Types\]\.xml$|OktaEventHooks\.nuspec$)' }) {
                $nupkgModule["OktaEventHooks/$name"] = $nupkg[$name]
            }
            $nupkgModule.Keys | Sort-Object | Should -Be ($zip.Keys | Sort-Object)
            foreach ($name in $zip.Keys) { $nupkgModule[$name] | Should -Be $zip[$name] -Because $name }
        }

        It 'imports by name from a module path it was extracted into, and works' {
            Reset-TestSandbox
            $homePath = Initialize-PrivateHome -Path (Join-Path $work 'home-zip')
            $result = Invoke-InPrivateHome -HomePath $homePath -Environment @{ PSModulePath = $extracted.FullName } -Code {
                Import-Module OktaEventHooks
                $module = Get-Module OktaEventHooks
                Connect-OktaOrg -OrgUrl $env:OKTAEH_SANDBOX_URL -ApiToken (ConvertTo-SecureString $env:OKTAEH_SANDBOX_TOKEN -AsPlainText -Force)
                @{
                    Version    = $module.Version.ToString()
                    Prerelease = "$($module.PrivateData.PSData.Prerelease)"
                    ModuleBase = $module.ModuleBase
                    Commands   = $module.ExportedCommands.Count
                    Hooks      = @(Get-OktaEventHook).Count
                }
            }
            $result.ModuleBase | Should -Be (Join-Path $extracted 'OktaEventHooks')
            $result.Version | Should -Be $version
            $result.Prerelease | Should -Be $prerelease -Because 'the zip carries the manifest of the nupkg, prerelease label included'
            $result.Commands | Should -Be $manifestCommandCount
            $result.Hooks | Should -Be 0 -Because 'the sandbox org is reset and has no hooks; the call went through the libraries in lib/Core'
        }
    }

    Context 'The packaged manifest' {
        It 'passes Test-ModuleManifest without an error or a warning' {
            $warnings = $null
            $tested = Test-ModuleManifest -Path $packagedManifestPath -ErrorAction Stop -WarningVariable warnings -WarningAction SilentlyContinue
            $warnings | Should -BeNullOrEmpty
            $tested.Version.ToString() | Should -Be $version
            "$($tested.PrivateData.PSData.Prerelease)" | Should -Be $prerelease
            $tested.ExportedCmdlets.Count | Should -Be 17
        }

        It 'has no key without a real value, in the packaged and the source manifest' {
            function Find-EmptyValue($Value, [string] $Path) {
                if ($Value -is [hashtable]) {
                    if ($Value.Count -eq 0) { $Path }
                    foreach ($key in $Value.Keys) { Find-EmptyValue $Value[$key] "$Path.$key" }
                }
                elseif ($Value -is [array]) {
                    # An empty export list is a real value ('none'); leaving it out would mean 'all'.
                    if ($Value.Count -eq 0 -and $Path -notmatch 'ToExport$') { $Path }
                    foreach ($item in $Value) { Find-EmptyValue $item "$Path[]" }
                }
                elseif ($null -eq $Value -or [string]::IsNullOrWhiteSpace([string] $Value)) { $Path }
            }
            Find-EmptyValue (Import-PowerShellDataFile -LiteralPath $packagedManifestPath) 'packaged' | Should -BeNullOrEmpty
            Find-EmptyValue $sourceManifest 'source' | Should -BeNullOrEmpty
            $sourceManifest.PrivateData.PSData.Keys | Should -Not -Contain 'LicenseUri'
            $sourceManifest.PrivateData.PSData.Keys | Should -Not -Contain 'ProjectUri'
            $sourceManifest.PrivateData.PSData.Keys | Should -Not -Contain 'ReleaseNotes' -Because 'CHANGELOG.md is the one place for notes'
            $sourceManifest.PrivateData.PSData.Keys | Should -Not -Contain 'Prerelease' -Because 'the packaging decides it from CHANGELOG.md'
        }

        It 'has the tags PowerShell users search by' {
            $tags = (Import-PowerShellDataFile -LiteralPath $packagedManifestPath).PrivateData.PSData.Tags
            foreach ($tag in 'Okta', 'EventHooks', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS') { $tags | Should -Contain $tag }
            $tags | Should -Not -Match '\s' -Because 'a gallery tag has no spaces'
        }

        It 'has the CHANGELOG.md section of its version as ReleaseNotes, in UTF-8 with a BOM for Windows PowerShell 5.1' -Skip:$thisIsPrerelease {
            $notes = (Import-PowerShellDataFile -LiteralPath $packagedManifestPath).PrivateData.PSData.ReleaseNotes
            $notes | Should -BeExactly (Get-ChangelogSection -Path "$root/CHANGELOG.md" -Version $version)
            $notes | Should -Match "^## \[$([regex]::Escape($version))\] - \d{4}-\d{2}-\d{2}\n"
            $notes | Should -Not -Match '## \[Unreleased\]'
            $bytes = [IO.File]::ReadAllBytes($packagedManifestPath)
            $bytes[0..2] | Should -Be @(0xEF, 0xBB, 0xBF)
        }

        It 'has the [Unreleased] notes of CHANGELOG.md as ReleaseNotes, headed as a prerelease of its version, in UTF-8 with a BOM' -Skip:(-not $thisIsPrerelease) {
            $changelog = (Get-Content -LiteralPath "$root/CHANGELOG.md" -Raw) -replace '\r\n', "`n"
            $unreleased = [regex]::Match($changelog, '(?ms)^## \[Unreleased\][^\n]*\n(.*?)(?=^## )').Groups[1].Value.Trim()
            $latest = [regex]::Match($changelog, '(?m)^## \[(\d+\.\d+\.\d+)\] - ').Groups[1].Value
            $notes = (Import-PowerShellDataFile -LiteralPath $packagedManifestPath).PrivateData.PSData.ReleaseNotes
            $notes | Should -BeExactly "## [$version-preview] - a prerelease of $version, built from the unreleased changes after $latest`n`n$unreleased"
            $notes | Should -Not -Match "## \[$([regex]::Escape($latest))\]" -Because 'the notes of the last release are not this build''s'
            $bytes = [IO.File]::ReadAllBytes($packagedManifestPath)
            $bytes[0..2] | Should -Be @(0xEF, 0xBB, 0xBF)
        }

        It 'is not written into the repository''s manifest or the staged one' {
            foreach ($manifest in "$root/OktaEventHooks.psd1", (Join-Path $staged 'OktaEventHooks.psd1')) {
                (Get-Content -LiteralPath $manifest -Raw) | Should -Not -Match '(ReleaseNotes|Prerelease)\s*=' -Because $manifest
            }
        }
    }

    Context 'Packaging' {
        It 'leaves nothing in the repository or the staged module (Publish-PSResource writes NuGet/NuGet.Config into its current folder)' {
            Test-Path -LiteralPath (Join-Path $root 'NuGet') | Should -BeFalse
            Test-Path -LiteralPath (Join-Path $staged 'NuGet') | Should -BeFalse
            Test-Path -LiteralPath (Join-Path $staged 'LICENSE') | Should -BeFalse -Because 'LICENSE is added to the packaging copy only'
        }
    }

    Context 'The nupkg in a local PSResourceGet repository' {
        BeforeAll {
            $homePath = Initialize-PrivateHome -Path (Join-Path $work 'home-find')
            $script:found = Invoke-InPrivateHome -HomePath $homePath -Code {
                Register-PSResourceRepository -Name OktaEventHooksTest -Uri $env:OKTAEH_PKG_REPOSITORY -Trusted
                # As a user looks for it: by name, with -Prerelease when it is one.
                $resource = Find-PSResource -Name OktaEventHooks -Repository OktaEventHooksTest -Prerelease:([bool] $env:OKTAEH_PKG_PRERELEASE)
                $foundWithout = @(Find-PSResource -Name OktaEventHooks -Repository OktaEventHooksTest -ErrorAction SilentlyContinue).Count
                Install-PSResource -Name OktaEventHooks -Repository OktaEventHooksTest -Scope CurrentUser -ErrorAction SilentlyContinue
                @{
                    Repositories = @(Get-PSResourceRepository | ForEach-Object { $_.Uri.ToString() })
                    Version      = $resource.Version.ToString()
                    Prerelease   = "$($resource.Prerelease)"
                    FoundWithoutPrerelease     = $foundWithout
                    InstalledWithoutPrerelease = @(Get-InstalledPSResource -Name OktaEventHooks -Scope CurrentUser -ErrorAction SilentlyContinue).Count
                    Description  = $resource.Description
                    Author       = $resource.Author
                    Tags         = @($resource.Tags)
                    Copyright    = $resource.Copyright
                    LicenseUri   = "$($resource.LicenseUri)"
                    ProjectUri   = "$($resource.ProjectUri)"
                    ReleaseNotes = $resource.ReleaseNotes
                }
            }
        }

        It 'is found by Find-PSResource (with -Prerelease for a prerelease) with the description, the tags, the licence and the release notes of this version' {
            $found.Version | Should -Be $version
            $found.Prerelease | Should -Be $prerelease
            $found.Description | Should -BeExactly $sourceManifest.Description
            $found.Author | Should -Be 'OktaEventHooks contributors'
            foreach ($tag in $sourceManifest.PrivateData.PSData.Tags) { $found.Tags | Should -Contain $tag }
            $found.Copyright | Should -Match 'MIT License'
            $found.LicenseUri | Should -BeNullOrEmpty -Because 'there is no public URL; the licence text ships as LICENSE'
            $found.ProjectUri | Should -BeNullOrEmpty
            $found.ReleaseNotes | Should -Match "^## \[$([regex]::Escape($packageVersion))\]"
            $found.ReleaseNotes.Trim() | Should -BeExactly $release.ReleaseNotes
        }

        It 'is a prerelease, named ModuleVersion-preview, that Find-PSResource and Install-PSResource take only with -Prerelease' -Skip:(-not $thisIsPrerelease) {
            $packages.Nupkg.Name | Should -Be "OktaEventHooks.$version-preview.nupkg"
            Get-NupkgVersion $packages.Nupkg.FullName | Should -Be "$version-preview"
            $found.FoundWithoutPrerelease | Should -Be 0
            $found.InstalledWithoutPrerelease | Should -Be 0
        }

        It 'ships the repository''s LICENSE' {
            Read-ArchiveText $packages.Nupkg.FullName 'LICENSE' | Should -BeExactly (Get-Content -LiteralPath "$root/LICENSE" -Raw)
        }

        It 'is the only repository the private HOME knows, a local folder' {
            $found.Repositories | Should -HaveCount 1
            $found.Repositories[0] | Should -BeLike 'file:///*'
        }
    }

    Context 'Installed with Install-PSResource into a private HOME' {
        BeforeAll {
            $script:installHome = Initialize-PrivateHome -Path (Join-Path $work 'home-install')
            $script:moduleFolder = Join-Path $installHome '.local/share/powershell/Modules/OktaEventHooks'
        }

        It 'installs by name (with -Prerelease for a prerelease) into the CurrentUser module folder of that HOME, in a folder named by ModuleVersion' {
            $result = Invoke-InPrivateHome -HomePath $installHome -Code {
                Register-PSResourceRepository -Name OktaEventHooksTest -Uri $env:OKTAEH_PKG_REPOSITORY -Trusted
                Register-PSResourceRepository -Name OktaEventHooksLater -Uri $env:OKTAEH_PKG_LATER -Trusted
                Install-PSResource -Name OktaEventHooks -Repository OktaEventHooksTest -Scope CurrentUser -Prerelease:([bool] $env:OKTAEH_PKG_PRERELEASE)
                @(Get-InstalledPSResource -Name OktaEventHooks -Scope CurrentUser | ForEach-Object {
                    @{ Version = $_.Version.ToString(); Prerelease = "$($_.Prerelease)"; Location = $_.InstalledLocation } })
            }
            @($result).Count | Should -Be 1
            $result[0].Version | Should -Be $version
            $result[0].Prerelease | Should -Be $prerelease
            Test-Path -LiteralPath (Join-Path $moduleFolder "$version/OktaEventHooks.psd1") | Should -BeTrue
            Test-Path -LiteralPath (Join-Path $moduleFolder "$version/lib/Core/RestSharp.dll") | Should -BeTrue
            Test-Path -LiteralPath (Join-Path $moduleFolder "$version/lib/Desktop/RestSharp.dll") | Should -BeTrue
            Test-Path -LiteralPath (Join-Path $moduleFolder "$version/LICENSE") | Should -BeTrue
        }

        It 'finds Get-OktaEventHook without Import-Module, and shows its help and about_OktaEventHooks' {
            $result = Invoke-InPrivateHome -HomePath $installHome -Code {
                $command = Get-Command Get-OktaEventHook
                $help = Get-Help Get-OktaEventHook -Full
                $about = Get-Help about_OktaEventHooks
                @{
                    Source   = $command.Source
                    Version  = $command.Version.ToString()
                    Module   = $command.Module.ModuleBase
                    Examples = @($help.examples.example).Count
                    Synopsis = $help.Synopsis
                    About    = ($about | Out-String)
                }
            }
            $result.Source | Should -Be 'OktaEventHooks'
            $result.Version | Should -Be $version
            $result.Module | Should -Be (Join-Path $moduleFolder $version)
            $result.Examples | Should -BeGreaterThan 0
            $result.Synopsis | Should -Not -Match '^\s*Get-OktaEventHook\s*(\[|$)' -Because 'a synopsis from the help file, not the syntax PowerShell makes up without one'
            $result.About | Should -Match 'about_OktaEventHooks'
            $result.About | Should -Match 'Azure Automation'
        }

        It 'autoloads the installed module when Connect-OktaOrg is called, and creates, lists and removes a hook in the sandbox org' {
            Reset-TestSandbox
            $name = "package-test-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
            $result = Invoke-InPrivateHome -HomePath $installHome -Environment @{ OKTAEH_PKG_HOOK = $name } -Code {
                $loadedBefore = @(Get-Module OktaEventHooks).Count
                Connect-OktaOrg -OrgUrl $env:OKTAEH_SANDBOX_URL -ApiToken (ConvertTo-SecureString $env:OKTAEH_SANDBOX_TOKEN -AsPlainText -Force)
                $module = Get-Module OktaEventHooks
                $hook = New-OktaEventHook -Name $env:OKTAEH_PKG_HOOK -Uri "$env:OKTAEH_SANDBOX_URL/receiver/ok/$env:OKTAEH_PKG_HOOK" -EventType user.lifecycle.create -Confirm:$false
                $listed = @(Get-OktaEventHook | Where-Object Id -eq $hook.Id)
                Remove-OktaEventHook -Id $hook.Id -Force -Confirm:$false
                @{
                    LoadedBefore = $loadedBefore
                    Version      = $module.Version.ToString()
                    ModuleBase   = $module.ModuleBase
                    Id           = $hook.Id
                    Name         = $hook.Name
                    Listed       = $listed.Count
                    Left         = @(Get-OktaEventHook).Count
                }
            }
            $result.LoadedBefore | Should -Be 0
            $result.Version | Should -Be $version
            $result.ModuleBase | Should -Be (Join-Path $moduleFolder $version)
            $result.Name | Should -Be $name
            $result.Listed | Should -Be 1
            $result.Left | Should -Be 0
            $writes = Get-SandboxWriteRequest
            $writes.method | Should -Be @('POST', 'POST', 'DELETE') -Because 'create, deactivate (-Force), delete'
            $writes[0].path | Should -Be '/api/v1/eventHooks'
            $writes[2].path | Should -Be "/api/v1/eventHooks/$($result.Id)"
            $writes | ForEach-Object { $_.userAgent | Should -BeLike "OktaEventHooks/$version *" }
        }

        It 'is replaced by the release of its version, in the same folder, only by Install-PSResource -Reinstall' -Skip:(-not $thisIsPrerelease) {
            $result = Invoke-InPrivateHome -HomePath $installHome -Code {
                $warnings = $null
                Install-PSResource -Name OktaEventHooks -Version $env:OKTAEH_PKG_VERSION -Repository OktaEventHooksLater -Scope CurrentUser -WarningVariable warnings -WarningAction SilentlyContinue
                $kept = @(Get-InstalledPSResource -Name OktaEventHooks -Scope CurrentUser | ForEach-Object { "$($_.Version)-$($_.Prerelease)" })
                Install-PSResource -Name OktaEventHooks -Version $env:OKTAEH_PKG_VERSION -Repository OktaEventHooksLater -Scope CurrentUser -Reinstall
                $module = @(Get-Module -ListAvailable OktaEventHooks)
                @{
                    Warning   = "$warnings"
                    Kept      = $kept
                    Installed = @(Get-InstalledPSResource -Name OktaEventHooks -Scope CurrentUser | ForEach-Object { "$($_.Version)-$($_.Prerelease)" })
                    Modules   = $module.Count
                    Base      = $module[0].ModuleBase
                    Label     = "$($module[0].PrivateData.PSData.Prerelease)"
                    Notes     = $module[0].PrivateData.PSData.ReleaseNotes
                }
            }
            $result.Warning | Should -Match 'already installed' -Because 'the preview and the release of one version share the folder'
            $result.Kept | Should -Be "$version-$prerelease"
            $result.Installed | Should -Be "$version-"
            $result.Modules | Should -Be 1
            $result.Base | Should -Be (Join-Path $moduleFolder $version)
            $result.Label | Should -BeNullOrEmpty
            $result.Notes | Should -Match "^## \[$([regex]::Escape($version))\] - 2026-12-01"
        }

        It 'loads a higher version installed beside it' {
            $installed = Invoke-InPrivateHome -HomePath $installHome -Code {
                Install-PSResource -Name OktaEventHooks -Repository OktaEventHooksLater -Scope CurrentUser
                @(Get-InstalledPSResource -Name OktaEventHooks -Scope CurrentUser | ForEach-Object { $_.Version.ToString() })
            }
            @($installed | Sort-Object) | Should -Be @($version, $higher | Sort-Object)
            $result = Invoke-InPrivateHome -HomePath $installHome -Code {
                Import-Module OktaEventHooks
                $module = Get-Module OktaEventHooks
                @{ Version = $module.Version.ToString(); ModuleBase = $module.ModuleBase; Commands = $module.ExportedCommands.Count }
            }
            $result.Version | Should -Be $higher
            $result.ModuleBase | Should -Be (Join-Path $moduleFolder $higher)
            $result.Commands | Should -Be $manifestCommandCount
        }

        It 'is removed cleanly, both versions, by Uninstall-PSResource' {
            $result = Invoke-InPrivateHome -HomePath $installHome -Code {
                Uninstall-PSResource -Name OktaEventHooks -Version '*' -Scope CurrentUser
                @{
                    Installed = @(Get-InstalledPSResource -Name OktaEventHooks -Scope CurrentUser -ErrorAction SilentlyContinue).Count
                    Available = @(Get-Module -ListAvailable OktaEventHooks).Count
                }
            }
            $result.Installed | Should -Be 0
            $result.Available | Should -Be 0
            if (Test-Path -LiteralPath $moduleFolder) { @(Get-ChildItem -LiteralPath $moduleFolder -Force) | Should -BeNullOrEmpty }
        }
    }
}

Describe 'The version a package is named, from CHANGELOG.md and ModuleVersion' -Skip:$onWindows {
    BeforeAll {
        $script:root = (Resolve-Path -LiteralPath "$PSScriptRoot/..").Path
        $version = (Import-PowerShellDataFile -LiteralPath "$root/OktaEventHooks.psd1").ModuleVersion
        $staged = if ($env:OKTAEH_MODULE) { Split-Path -Parent $env:OKTAEH_MODULE } else { Join-Path $root "out/OktaEventHooks/$version" }
        $script:ruleWork = Join-Path ([IO.Path]::GetTempPath()) "oktaeh-package-rule-tests-$([guid]::NewGuid().ToString('N'))"
        # A copy of the staged module whose ModuleVersion is 2.5.0, so that the versions below do not move with the repository's.
        $script:module = Copy-ModuleAs -Staged $staged -Path (Join-Path $ruleWork 'module/OktaEventHooks') -ModuleVersion '2.5.0'

        # Packages the 2.5.0 module with a CHANGELOG.md of -Text into a folder of its own; returns New-ModulePackage's answer.
        function New-TestPackage([string] $Text, [string] $Output = (Join-Path $ruleWork "out-$([guid]::NewGuid().ToString('N'))")) {
            $changelog = Join-Path $ruleWork "CHANGELOG-$([guid]::NewGuid().ToString('N')).md"
            Set-Content -LiteralPath $changelog -Value "# Changelog`n`n$Text" -Encoding utf8
            New-ModulePackage -ModulePath $module -OutputPath $Output -ChangelogPath $changelog -LicensePath "$root/LICENSE"
        }

        # ModuleVersion and PSData of the manifest in a package (the zip and the nupkg carry the same one).
        function Get-PackagedManifest([string] $Zip) {
            $path = Join-Path $ruleWork "manifest-$([guid]::NewGuid().ToString('N')).psd1"
            Set-Content -LiteralPath $path -Value (Read-ArchiveText $Zip 'OktaEventHooks/OktaEventHooks.psd1') -NoNewline
            $data = Import-PowerShellDataFile -LiteralPath $path
            [pscustomobject]@{ ModuleVersion = $data.ModuleVersion; PSData = $data.PrivateData.PSData }
        }
    }

    AfterAll {
        Remove-Item -LiteralPath $ruleWork -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'is the release of ModuleVersion, 2.5.0, when CHANGELOG.md has its section and nothing under [Unreleased]' {
        $package = New-TestPackage "## [Unreleased]`n`n### Added`n`n## [2.5.0] - 2026-12-01`n`n### Fixed`n`n- A fix.`n`n## [2.4.0] - 2026-11-01`n`n- Older.`n"
        $package.PackageVersion | Should -Be '2.5.0'
        $package.Prerelease | Should -BeNullOrEmpty
        $package.Nupkg.Name | Should -Be 'OktaEventHooks.2.5.0.nupkg'
        Get-NupkgVersion $package.Nupkg.FullName | Should -Be '2.5.0'
        $manifest = Get-PackagedManifest $package.Zip.FullName
        $manifest.ModuleVersion | Should -Be '2.5.0'
        $manifest.PSData.Keys | Should -Not -Contain 'Prerelease'
        $manifest.PSData.ReleaseNotes | Should -BeExactly "## [2.5.0] - 2026-12-01`n`n### Fixed`n`n- A fix."
    }

    It 'is a prerelease of ModuleVersion, 2.5.0-preview, when CHANGELOG.md has notes under [Unreleased] and no section for ModuleVersion' {
        $package = New-TestPackage "## [Unreleased]`n`n### Added`n`n- A new thing.`n`n## [2.4.0] - 2026-11-01`n`n- Older.`n"
        $package.PackageVersion | Should -Be '2.5.0-preview'
        $package.Prerelease | Should -Be 'preview'
        $package.Nupkg.Name | Should -Be 'OktaEventHooks.2.5.0-preview.nupkg'
        Get-NupkgVersion $package.Nupkg.FullName | Should -Be '2.5.0-preview'
        $manifest = Get-PackagedManifest $package.Zip.FullName
        $manifest.ModuleVersion | Should -Be '2.5.0' -Because 'the label is in PSData; ModuleVersion stays a version PowerShell loads'
        $manifest.PSData.Prerelease | Should -BeExactly 'preview'
        $manifest.PSData.Prerelease | Should -Match '^[A-Za-z0-9]+$' -Because 'a module''s Prerelease is ASCII letters and digits only'
        $manifest.PSData.ReleaseNotes | Should -BeExactly "## [2.5.0-preview] - a prerelease of 2.5.0, built from the unreleased changes after 2.4.0`n`n### Added`n`n- A new thing."
    }

    It 'is refused <Case>, and writes no package' -ForEach @(
        @{
            Case      = 'when [Unreleased] has notes and ModuleVersion has its released section: the code changed after that release'
            Changelog = "## [Unreleased]`n`n- After the release.`n`n## [2.5.0] - 2026-12-01`n`n- The release.`n"
            Message   = "*OktaEventHooks 2.5.0*ModuleVersion 2.5.0 is already released*``[Unreleased``]*changes after that release*move the ``[Unreleased``] notes*next version (2.5.1 or 2.6.0)*"
        }
        @{
            Case      = 'when ModuleVersion is below the latest release in CHANGELOG.md, for a prerelease'
            Changelog = "## [Unreleased]`n`n- New.`n`n## [2.6.0] - 2026-12-01`n`n- Later.`n"
            Message   = "*OktaEventHooks 2.5.0*ModuleVersion 2.5.0 is below the latest release*2.6.0*next version, above 2.6.0*"
        }
        @{
            Case      = 'when ModuleVersion is below the latest release in CHANGELOG.md, for a release'
            Changelog = "## [Unreleased]`n`n## [2.6.0] - 2026-12-02`n`n- Later.`n`n## [2.5.0] - 2026-12-01`n`n- The release.`n"
            Message   = "*OktaEventHooks 2.5.0*ModuleVersion 2.5.0 is not the latest release*2.6.0*"
        }
        @{
            Case      = 'when CHANGELOG.md has neither a section for ModuleVersion nor notes under [Unreleased]'
            Changelog = "## [Unreleased]`n`n### Added`n`n## [2.4.0] - 2026-11-01`n`n- Older.`n"
            Message   = "*OktaEventHooks 2.5.0*CHANGELOG.md*no section '## ``[2.5.0``] - <date>'*no notes under ``[Unreleased``]*"
        }
        @{
            Case      = 'when the section of ModuleVersion has no notes, only headings'
            Changelog = "## [Unreleased]`n`n## [2.5.0] - 2026-12-01`n`n### Fixed`n`n## [2.4.0] - 2026-11-01`n`n- Notes.`n"
            Message   = "*section '## ``[2.5.0``] - 2026-12-01'*is empty*"
        }
    ) {
        $output = Join-Path $ruleWork "refused-$([guid]::NewGuid().ToString('N'))"
        { New-TestPackage $Changelog $output } | Should -Throw -ExpectedMessage $Message
        Test-Path -LiteralPath $output | Should -BeFalse
    }
}
