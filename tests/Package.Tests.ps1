# The packages an admin installs from (issue 12): build.ps1 package's OktaEventHooks.<version>.nupkg and
# OktaEventHooks.zip, made by tools/Package.psm1, used as a user would use them.
#
# The packages are the ones in out/packages when they are newer than the staged module, CHANGELOG.md, LICENSE and
# tools/Package.psm1 (after `build.ps1 package`); otherwise they are made here from the staged module, with the same code, into a temp
# folder. A second package, of a higher version, is made from a copy of the staged module whose manifest says so.
# Both go into a local PSResourceGet repository (a temp folder). Every install and import runs in a fresh pwsh
# whose HOME is a temp folder of its own (Initialize-PrivateHome): the only repository registered there is that
# folder, so nothing is asked of any gallery and nothing but the loopback sandbox org is contacted. The user's own
# profile is never touched; every temp folder is removed at the end.
# Not on Windows: there the CurrentUser folders do not follow HOME, so a private profile cannot be made this way.

BeforeDiscovery { $onWindows = $IsWindows }

Describe 'The packages' -Skip:$onWindows {
    BeforeAll {
        Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
        Import-Module "$PSScriptRoot/../tools/Package.psm1" -Force
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        Initialize-TestSandbox

        $script:root = (Resolve-Path -LiteralPath "$PSScriptRoot/..").Path
        $script:sourceManifest = Import-PowerShellDataFile -LiteralPath "$root/OktaEventHooks.psd1"
        $script:version = $sourceManifest.ModuleVersion
        $script:staged = if ($env:OKTAEH_MODULE) { Split-Path -Parent $env:OKTAEH_MODULE } else { Join-Path $root "out/OktaEventHooks/$version" }
        $script:work = Join-Path ([IO.Path]::GetTempPath()) "oktaeh-package-tests-$([guid]::NewGuid().ToString('N'))"
        $script:repository = New-Item -ItemType Directory -Path (Join-Path $work 'repository')

        # The packages of this version: reused from out/packages when they are current, made otherwise.
        $out = Join-Path $root 'out/packages'
        $nupkg = Join-Path $out "OktaEventHooks.$version.nupkg"
        $zip = Join-Path $out 'OktaEventHooks.zip'
        $inputs = @(Get-Item -LiteralPath $staged) + @(Get-ChildItem -LiteralPath $staged -Recurse) +
            @(Get-Item -LiteralPath "$root/CHANGELOG.md", "$root/LICENSE", "$root/OktaEventHooks.psd1", "$root/tools/Package.psm1")
        $newestInput = ($inputs | Measure-Object -Property LastWriteTimeUtc -Maximum).Maximum
        $current = (Test-Path -LiteralPath $nupkg) -and (Test-Path -LiteralPath $zip) -and
            (Get-Item -LiteralPath $nupkg).LastWriteTimeUtc -ge $newestInput -and (Get-Item -LiteralPath $zip).LastWriteTimeUtc -ge $newestInput
        if ($current) {
            Write-Host "Package tests: using the current packages in $out"
            $script:packages = [pscustomobject]@{ Version = $version; Nupkg = Get-Item -LiteralPath $nupkg; Zip = Get-Item -LiteralPath $zip }
        }
        else {
            Write-Host "Package tests: making the packages of $staged"
            $script:packages = New-ModulePackage -ModulePath $staged -OutputPath (Join-Path $work 'packages') `
                -ChangelogPath "$root/CHANGELOG.md" -LicensePath "$root/LICENSE"
        }
        Copy-Item -LiteralPath $packages.Nupkg.FullName -Destination $repository.FullName

        # A higher version: a copy of the staged module whose manifest has the next build number. Its assemblies
        # keep the version they were built with; what is tested with it is which copy PowerShell picks.
        $thisVersion = [version] $version
        $script:higher = [version]::new($thisVersion.Major, $thisVersion.Minor, $thisVersion.Build + 1).ToString()
        $script:bumped = Join-Path $work 'bumped/OktaEventHooks'
        $null = New-Item -ItemType Directory -Path $bumped
        Copy-Item -Path (Join-Path $staged '*') -Destination $bumped -Recurse
        $bumpedManifest = Join-Path $bumped 'OktaEventHooks.psd1'
        $text = (Get-Content -LiteralPath $bumpedManifest -Raw) -replace "(?m)^(\s*ModuleVersion\s*=\s*)'[^']*'", "`${1}'$higher'"
        Set-Content -LiteralPath $bumpedManifest -Value $text -NoNewline
        $script:higherChangelog = Join-Path $work 'CHANGELOG.md'
        Set-Content -LiteralPath $higherChangelog -Value "# Changelog`n`n## [$higher] - 2026-12-01`n`n### Fixed`n`n- A build to install beside $version.`n"
        $higherPackages = New-ModulePackage -ModulePath $bumped -OutputPath (Join-Path $work 'higher') -ChangelogPath $higherChangelog -LicensePath "$root/LICENSE"
        Copy-Item -LiteralPath $higherPackages.Nupkg.FullName -Destination $repository.FullName

        # The zip extracted into a folder of its own, as a module path.
        $script:extracted = New-Item -ItemType Directory -Path (Join-Path $work 'extracted')
        [IO.Compression.ZipFile]::ExtractToDirectory($packages.Zip.FullName, $extracted.FullName)
        $script:packagedManifestPath = Join-Path $extracted 'OktaEventHooks/OktaEventHooks.psd1'

        # Runs $Code in a fresh pwsh with the private HOME $HomePath and returns what $Code returned (through JSON).
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
            $settings = @{ OKTAEH_RESULT = $resultPath; OKTAEH_PKG_REPOSITORY = $repository.FullName; OKTAEH_PKG_VERSION = $version; OKTAEH_PKG_HIGHER = $higher }
            foreach ($key in $Environment.Keys) { $settings[$key] = $Environment[$key] }
            $run = Invoke-PrivatePwsh -HomePath $HomePath -ScriptPath $scriptPath -Environment $settings
            if ($run.ExitCode -ne 0 -or -not (Test-Path -LiteralPath $resultPath)) {
                throw "The child pwsh failed (exit code $($run.ExitCode)):`n$($run.ErrorOutput)`n$($run.Output)"
            }
            Get-Content -LiteralPath $resultPath -Raw | ConvertFrom-Json
        }

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
    }

    AfterAll {
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
        Stop-TestSandbox
    }

    Context 'OktaEventHooks.zip, for Azure Automation' {
        It 'has one top folder named like the zip, with the manifest, the dlls, lib/, en-US/, the format file and LICENSE in it' {
            $packages.Zip.Name | Should -Be 'OktaEventHooks.zip'
            $entries = @((Get-ArchiveContent $packages.Zip.FullName).Keys)
            $entries | Should -Not -Match '\\' -Because 'zip entries use forward slashes'
            @($entries | ForEach-Object { ($_ -split '/')[0] } | Sort-Object -Unique) | Should -Be @('OktaEventHooks')
            foreach ($file in 'OktaEventHooks.psd1', 'OktaEventHooks.dll', 'OktaEventHooks.Model.dll', 'OktaEventHooks.Loader.dll',
                'OktaEventHooks.Format.ps1xml', 'LICENSE', 'lib/OktaEventHooks.Client.dll', 'lib/RestSharp.dll', 'lib/Newtonsoft.Json.dll',
                'en-US/OktaEventHooks.dll-Help.xml', 'en-US/about_OktaEventHooks.help.txt') {
                $entries | Should -Contain "OktaEventHooks/$file"
            }
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
                    ModuleBase = $module.ModuleBase
                    Commands   = $module.ExportedCommands.Count
                    Hooks      = @(Get-OktaEventHook).Count
                }
            }
            $result.ModuleBase | Should -Be (Join-Path $extracted 'OktaEventHooks')
            $result.Version | Should -Be $version
            $result.Commands | Should -Be 17
            $result.Hooks | Should -Be 0 -Because 'the sandbox org is reset and has no hooks; the call went through the libraries in lib/'
        }
    }

    Context 'The packaged manifest' {
        It 'passes Test-ModuleManifest without an error or a warning' {
            $warnings = $null
            $tested = Test-ModuleManifest -Path $packagedManifestPath -ErrorAction Stop -WarningVariable warnings -WarningAction SilentlyContinue
            $warnings | Should -BeNullOrEmpty
            $tested.Version.ToString() | Should -Be $version
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
        }

        It 'has the tags PowerShell users search by' {
            $tags = (Import-PowerShellDataFile -LiteralPath $packagedManifestPath).PrivateData.PSData.Tags
            foreach ($tag in 'Okta', 'EventHooks', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS') { $tags | Should -Contain $tag }
            $tags | Should -Not -Match '\s' -Because 'a gallery tag has no spaces'
        }

        It 'has the CHANGELOG.md section of its version as ReleaseNotes, in UTF-8 with a BOM for Windows PowerShell 5.1' {
            $notes = (Import-PowerShellDataFile -LiteralPath $packagedManifestPath).PrivateData.PSData.ReleaseNotes
            $notes | Should -BeExactly (Get-ChangelogSection -Path "$root/CHANGELOG.md" -Version $version)
            $notes | Should -Match "^## \[$([regex]::Escape($version))\] - \d{4}-\d{2}-\d{2}\n"
            $notes | Should -Not -Match '## \[Unreleased\]'
            $bytes = [IO.File]::ReadAllBytes($packagedManifestPath)
            $bytes[0..2] | Should -Be @(0xEF, 0xBB, 0xBF)
        }

        It 'is not written into the repository''s manifest or the staged one' {
            (Get-Content -LiteralPath "$root/OktaEventHooks.psd1" -Raw) | Should -Not -Match 'ReleaseNotes\s*='
            (Get-Content -LiteralPath (Join-Path $staged 'OktaEventHooks.psd1') -Raw) | Should -Not -Match 'ReleaseNotes\s*='
        }
    }

    Context 'Packaging' {
        It 'leaves nothing in the repository or the staged module (Publish-PSResource writes NuGet/NuGet.Config into its current folder)' {
            Test-Path -LiteralPath (Join-Path $root 'NuGet') | Should -BeFalse
            Test-Path -LiteralPath (Join-Path $staged 'NuGet') | Should -BeFalse
            Test-Path -LiteralPath (Join-Path $staged 'LICENSE') | Should -BeFalse -Because 'LICENSE is added to the packaging copy only'
        }
    }

    Context 'Packaging a version that CHANGELOG.md has no section for' {
        It 'is refused with a message naming the version and CHANGELOG.md, and writes no package' {
            $output = Join-Path $work 'refused'
            { New-ModulePackage -ModulePath $bumped -OutputPath $output -ChangelogPath "$root/CHANGELOG.md" -LicensePath "$root/LICENSE" } |
                Should -Throw -ExpectedMessage "*OktaEventHooks $higher*CHANGELOG.md*no section '## ``[$higher``] - <date>'*"
            Test-Path -LiteralPath $output | Should -BeFalse
        }

        It 'is refused when the section is empty' {
            $changelog = Join-Path $work 'CHANGELOG-empty.md'
            Set-Content -LiteralPath $changelog -Value "# Changelog`n`n## [Unreleased]`n`n## [$higher] - 2026-12-01`n`n## [$version] - 2026-11-30`n`n- Notes.`n"
            { Get-ChangelogSection -Path $changelog -Version $higher } | Should -Throw -ExpectedMessage "*section '## ``[$higher``] - 2026-12-01'*is empty*"
        }
    }

    Context 'The nupkg in a local PSResourceGet repository' {
        BeforeAll {
            $homePath = Initialize-PrivateHome -Path (Join-Path $work 'home-find')
            $script:found = Invoke-InPrivateHome -HomePath $homePath -Code {
                Register-PSResourceRepository -Name OktaEventHooksTest -Uri $env:OKTAEH_PKG_REPOSITORY -Trusted
                $resource = Find-PSResource -Name OktaEventHooks -Version $env:OKTAEH_PKG_VERSION -Repository OktaEventHooksTest
                @{
                    Repositories = @(Get-PSResourceRepository | ForEach-Object { $_.Uri.ToString() })
                    Version      = $resource.Version.ToString()
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

        It 'is found by Find-PSResource with the description, the tags, the licence and the release notes of this version' {
            $found.Version | Should -Be $version
            $found.Description | Should -BeExactly $sourceManifest.Description
            $found.Author | Should -Be 'OktaEventHooks contributors'
            foreach ($tag in $sourceManifest.PrivateData.PSData.Tags) { $found.Tags | Should -Contain $tag }
            $found.Copyright | Should -Match 'MIT License'
            $found.LicenseUri | Should -BeNullOrEmpty -Because 'there is no public URL; the licence text ships as LICENSE'
            $found.ProjectUri | Should -BeNullOrEmpty
            $found.ReleaseNotes | Should -Match "^## \[$([regex]::Escape($version))\]"
            $found.ReleaseNotes.Trim() | Should -BeExactly (Get-ChangelogSection -Path "$root/CHANGELOG.md" -Version $version)
        }

        It 'ships the repository''s LICENSE' {
            $archive = [IO.Compression.ZipFile]::OpenRead($packages.Nupkg.FullName)
            try {
                $reader = [IO.StreamReader]::new($archive.GetEntry('LICENSE').Open())
                try { $reader.ReadToEnd() | Should -BeExactly (Get-Content -LiteralPath "$root/LICENSE" -Raw) } finally { $reader.Dispose() }
            }
            finally { $archive.Dispose() }
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

        It 'installs into the CurrentUser module folder of that HOME' {
            $result = Invoke-InPrivateHome -HomePath $installHome -Code {
                Register-PSResourceRepository -Name OktaEventHooksTest -Uri $env:OKTAEH_PKG_REPOSITORY -Trusted
                Install-PSResource -Name OktaEventHooks -Version $env:OKTAEH_PKG_VERSION -Repository OktaEventHooksTest -Scope CurrentUser
                @(Get-InstalledPSResource -Name OktaEventHooks -Scope CurrentUser | ForEach-Object { @{ Version = $_.Version.ToString(); Location = $_.InstalledLocation } })
            }
            @($result).Count | Should -Be 1
            $result[0].Version | Should -Be $version
            Test-Path -LiteralPath (Join-Path $moduleFolder "$version/OktaEventHooks.psd1") | Should -BeTrue
            Test-Path -LiteralPath (Join-Path $moduleFolder "$version/lib/RestSharp.dll") | Should -BeTrue
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

        It 'loads a higher version installed beside it' {
            $installed = Invoke-InPrivateHome -HomePath $installHome -Code {
                Install-PSResource -Name OktaEventHooks -Repository OktaEventHooksTest -Scope CurrentUser
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
            $result.Commands | Should -Be 17
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
