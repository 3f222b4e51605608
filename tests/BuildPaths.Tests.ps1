# The shipped assemblies tell nothing about the machine or folder they were built in: a deterministic build with the
# repository root mapped (Directory.Build.props), so two builds from different folders give the same dlls.

BeforeAll {
    $script:root = (Resolve-Path -LiteralPath "$PSScriptRoot/..").Path.TrimEnd('/', '\')
}

Describe 'Build paths in the shipped assemblies' {
    BeforeDiscovery {
        $base = Split-Path -Parent ($env:OKTAEH_MODULE ?? (Get-ChildItem -Path "$PSScriptRoot/../out/OktaEventHooks/*/OktaEventHooks.psd1" | Select-Object -First 1).FullName)
        # Ours, wherever the staging puts them (beside the manifest, lib/ or a runtime folder of it).
        $script:ours = @(Get-ChildItem -LiteralPath $base -Recurse -Filter 'OktaEventHooks*.dll' | ForEach-Object { @{ Name = [IO.Path]::GetRelativePath($base, $_.FullName); Path = $_.FullName } })
    }

    It 'holds no path of the build folder in <Name>' -TestCases $ours {
        $bytes = [IO.File]::ReadAllBytes($Path)
        [Text.Encoding]::Latin1.GetString($bytes).Contains($root) | Should -BeFalse -Because "$Name must not hold $root"
        [Text.Encoding]::Unicode.GetString($bytes).Contains($root) | Should -BeFalse -Because "$Name must not hold $root"
    }

    It 'finds the module''s own assemblies to check' {
        $ours.Count | Should -BeGreaterOrEqual 4
    }
}
