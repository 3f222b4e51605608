# A copy of the pinned PowerShell (dotnet-tools.json) compiled ahead of time (ReadyToRun), for the benchmark.
#
# Why: the dotnet tool package of PowerShell holds IL only, so every line of PowerShell that a command runs for the
# first time in a process is compiled then; PowerShell's installers (MSI, deb, rpm, the tar.gz and zip archives)
# ship its assemblies compiled ReadyToRun. Start-up measured on the tool is mostly .NET compiling PowerShell's own
# module-loading code (a bare start is 3x slower than on the compiled copy), so the benchmark measures import on both.
# The copy is made with crossgen2 of the running .NET (restored from NuGet like any package), once, into out/bench.

function Test-ReadyToRunImage([string] $Path) {
    $stream = [IO.File]::OpenRead($Path)
    try {
        $reader = [Reflection.PortableExecutable.PEReader]::new($stream)
        $headers = $reader.PEHeaders
        if (-not $headers.CorHeader) { return $null }   # not a .NET assembly
        $headers.CorHeader.ManagedNativeHeaderDirectory.Size -gt 0
    }
    catch [BadImageFormatException] { $null }
    finally { $stream.Dispose() }
}

# Returns the path of pwsh.dll in the compiled copy (run it as `dotnet <path>`), making the copy when it is missing
# or was made from another PowerShell or .NET version.
function Get-ReadyToRunPwsh {
    param(
        [Parameter(Mandatory)] [string] $OutputPath,
        [Parameter(Mandatory)] [string] $RepoRoot,
        [Parameter(Mandatory)] [string] $PackagesPath   # NuGet's global packages folder, where the tool is restored
    )
    $toolVersion = (Get-Content -Raw -LiteralPath (Join-Path $RepoRoot 'dotnet-tools.json') | ConvertFrom-Json).tools.powershell.version
    $runtimeVersion = [Environment]::Version.ToString(3)
    $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
    $arch = [Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant()
    $stamp = "powershell $toolVersion, .NET $runtimeVersion, $os-$arch"
    $target = Join-Path $OutputPath 'pwsh-readytorun'
    $stampPath = Join-Path $target 'made-from.txt'
    if ((Test-Path -LiteralPath $stampPath) -and (Get-Content -Raw -LiteralPath $stampPath).Trim() -eq $stamp) {
        return Join-Path $target 'pwsh.dll'
    }

    $platformFolder = if ($IsWindows) { 'win' } else { 'unix' }
    $source = Join-Path $PackagesPath "powershell/$toolVersion/tools/net10.0/any/$platformFolder"
    if (-not (Test-Path -LiteralPath (Join-Path $source 'pwsh.dll'))) { throw "The pinned PowerShell $toolVersion is not restored at $source (run: dotnet tool restore)." }

    # crossgen2 comes as a package per platform; its version is the running .NET's, as the SDK would pick it.
    $crossgenPackage = "microsoft.netcore.app.crossgen2.$os-$arch"
    $crossgen = Join-Path $PackagesPath "$crossgenPackage/$runtimeVersion/tools/crossgen2$(if ($IsWindows) { '.exe' })"
    if (-not (Test-Path -LiteralPath $crossgen)) {
        $restore = Join-Path ([IO.Path]::GetTempPath()) "oktaeh-crossgen-$([guid]::NewGuid().ToString('N'))"
        $null = New-Item -ItemType Directory -Path $restore
        try {
            Set-Content -LiteralPath (Join-Path $restore 'restore.csproj') -Value @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="$crossgenPackage" Version="[$runtimeVersion]" /></ItemGroup>
</Project>
"@
            & dotnet restore (Join-Path $restore 'restore.csproj') --nologo -v quiet | Out-Null
            if ($LASTEXITCODE) { throw "Restoring $crossgenPackage $runtimeVersion failed (exit code $LASTEXITCODE)." }
        }
        finally { Remove-Item -LiteralPath $restore -Recurse -Force }
    }

    Remove-Item -LiteralPath $target -Recurse -Force -ErrorAction Ignore
    Copy-Item -LiteralPath $source -Destination $target -Recurse
    $framework = Split-Path -Parent ([object].Assembly.Location)
    $compiled = 0
    foreach ($file in Get-ChildItem -LiteralPath $source -Filter '*.dll') {
        if ((Test-ReadyToRunImage $file.FullName) -ne $false) { continue }   # not .NET, or compiled already
        $output = & $crossgen $file.FullName -o (Join-Path $target $file.Name) -r "$framework/*.dll" -r "$source/*.dll" `
            --targetos $os --targetarch $arch -O 2>&1
        if ($LASTEXITCODE) {
            # An assembly crossgen2 cannot compile stays IL, as the installers leave it.
            Copy-Item -LiteralPath $file.FullName -Destination (Join-Path $target $file.Name) -Force
            Write-Verbose "crossgen2 left $($file.Name) as IL: $($output | Select-Object -Last 1)"
            continue
        }
        $compiled++
    }
    Set-Content -LiteralPath $stampPath -Value $stamp
    Write-Host "Compiled $compiled PowerShell assemblies ReadyToRun into $target"
    Join-Path $target 'pwsh.dll'
}

Export-ModuleMember -Function Get-ReadyToRunPwsh
