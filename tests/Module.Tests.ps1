BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
}
AfterAll { Stop-TestSandbox }

Describe 'The staged module' {
    It 'exports exactly the seventeen cmdlets' {
        $expected = 'Connect-OktaOrg', 'Disconnect-OktaOrg', 'Get-OktaConnection', 'Get-OktaEventHook', 'New-OktaEventHook',
            'Set-OktaEventHook', 'Enable-OktaEventHook', 'Disable-OktaEventHook', 'Test-OktaEventHook', 'Remove-OktaEventHook',
            'Export-OktaEventHook', 'Import-OktaEventHook', 'Get-OktaEventType', 'Test-OktaEventHookEndpoint', 'Get-OktaEventHookLog',
            'Send-OktaEventHookEvent', 'Get-OktaEventHookHealth'
        $exported = (Get-Module OktaEventHooks).ExportedCommands.Keys
        $exported | Sort-Object | Should -Be ($expected | Sort-Object)
    }

    It 'is imported from the staged out/ folder, not from src/' {
        (Get-Module OktaEventHooks).ModuleBase | Should -Match '[\\/]out[\\/]OktaEventHooks[\\/]\d+\.\d+\.\d+$'
    }

    It 'has assemblies stamped with the manifest''s ModuleVersion' {
        $module = Get-Module OktaEventHooks
        foreach ($name in 'OktaEventHooks.dll', 'lib/Core/OktaEventHooks.Client.dll', 'lib/Desktop/OktaEventHooks.Client.dll', 'OktaEventHooks.Model.dll', 'OktaEventHooks.Loader.dll') {
            $version = [System.Reflection.AssemblyName]::GetAssemblyName((Join-Path $module.ModuleBase $name)).Version
            $version.ToString(3) | Should -Be $module.Version.ToString(3) -Because $name
        }
    }

    It 'resolves the output types by name' {
        [OktaEventHooks.EventHook] | Should -Not -BeNullOrEmpty
        [OktaEventHooks.OktaConnection] | Should -Not -BeNullOrEmpty
        [OktaEventHooks.OktaEventType] | Should -Not -BeNullOrEmpty
        [OktaEventHooks.EventHookDrift] | Should -Not -BeNullOrEmpty
        [OktaEventHooks.EventHookEndpointTestResult] | Should -Not -BeNullOrEmpty
    }

    It 'declares an output type on every cmdlet that writes objects' {
        foreach ($name in 'Get-OktaEventHook', 'New-OktaEventHook', 'Set-OktaEventHook', 'Enable-OktaEventHook', 'Disable-OktaEventHook', 'Test-OktaEventHook') {
            (Get-Command $name).OutputType.Name | Should -Contain 'OktaEventHooks.EventHook' -Because $name
        }
    }

    It 'supports -WhatIf on every cmdlet that changes the org' {
        foreach ($name in 'New-OktaEventHook', 'Set-OktaEventHook', 'Enable-OktaEventHook', 'Disable-OktaEventHook', 'Test-OktaEventHook', 'Remove-OktaEventHook') {
            (Get-Command $name).Parameters.Keys | Should -Contain 'WhatIf' -Because $name
        }
    }
}

Describe 'The manifest' {
    It 'writes every list as one comma-separated expression, which PowerShell reads at import without compiling a dynamic call' {
        # @('a'<newline>'b') is a list of statements: PowerShell collects their output through a dynamic call site that it
        # compiles at every import (about 10 ms on an installed pwsh); @('a', 'b') is one expression, read directly.
        foreach ($manifest in (Get-RepoPath 'OktaEventHooks.psd1'), (Get-StagedModulePath)) {
            $ast = [System.Management.Automation.Language.Parser]::ParseFile($manifest, [ref] $null, [ref] $null)
            $lists = $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.ArrayExpressionAst] }, $true)
            $lists.Count | Should -BeGreaterThan 5 -Because "$manifest has its exports, editions and tags as lists"
            $statementLists = @($lists | Where-Object { $_.SubExpression.Statements.Count -gt 1 } | ForEach-Object { $_.Extent.Text })
            $statementLists | Should -BeNullOrEmpty -Because "$manifest should write each list with commas"
        }
    }
}
