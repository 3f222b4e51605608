# The build and the sandbox say what they are doing from the first minute.

BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
    $script:repo = Get-RepoPath
}
AfterAll { Stop-TestSandbox }

Describe 'First minutes: the build and the sandbox say what is happening' {
    It 'prints a line before each step of the build' {
        $ast = [System.Management.Automation.Language.Parser]::ParseFile((Join-Path $repo 'build.ps1'), [ref] $null, [ref] $null)
        $build = $ast.Find({ param($n) $n -is [System.Management.Automation.Language.FunctionDefinitionAst] -and $n.Name -eq 'Invoke-Build' }, $true)
        $statements = @($build.Body.EndBlock.Statements)
        $steps = @(for ($i = 0; $i -lt $statements.Count; $i++) { if ($statements[$i].Extent.Text -match '^(Invoke-Native|& \(Join-Path)') { $i } })
        $steps.Count | Should -BeGreaterOrEqual 2 -Because 'the build compiles and builds the help'
        $from = 0
        foreach ($i in $steps) {
            @($statements[$from..($i - 1)] | Where-Object { $_.Extent.Text -match '^Write-Host ' }) |
                Should -Not -BeNullOrEmpty -Because "a line says what '$($statements[$i].Extent.Text)' does before it starts"
            $from = $i + 1
        }
    }

    It 'started by hand, the sandbox says how to stop it and shows each request it serves' {
        $dll = Get-SandboxDllPath
        foreach ($quiet in $false, $true) {
            $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
            foreach ($argument in @($dll, '--api-token', 'prompt-token') + @(if ($quiet) { '--quiet' })) { $info.ArgumentList.Add($argument) }
            $info.RedirectStandardOutput = $true; $info.UseShellExecute = $false
            $process = [System.Diagnostics.Process]::Start($info)
            try {
                $first = $process.StandardOutput.ReadLine()
                $first | Should -Match '^Sandbox listening on http://127\.0\.0\.1:\d+ token=prompt-token$'
                $process.StandardOutput.ReadLine() | Should -Match '^Ctrl\+C to stop\.'
                $url = ($first -split ' ')[3]
                $null = Invoke-RestMethod -Uri "$url/api/v1/eventHooks" -Headers @{ Authorization = 'SSWS prompt-token' }
                $process.Kill($true); $null = $process.WaitForExit(10000)
                $rest = $process.StandardOutput.ReadToEnd()
                if ($quiet) { $rest | Should -BeNullOrEmpty }
                else { $rest | Should -Match '(?m)^\d\d:\d\d:\d\d GET /api/v1/eventHooks 200 \d+ ms$' }
            }
            finally { if (-not $process.HasExited) { $process.Kill($true) } }
        }
    }
}
