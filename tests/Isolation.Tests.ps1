# The module's dependencies load privately, so other versions of them in the same session do not clash.
BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox

    # Runs a script in a fresh pwsh (this one has the module loaded already) and returns its JSON output.
    function Invoke-FreshPwsh([string] $Script) {
        $path = Join-Path ([IO.Path]::GetTempPath()) "oktaeh-iso-$([guid]::NewGuid().ToString('N')).ps1"
        Set-Content -LiteralPath $path -Value $Script
        try {
            $pwsh = (Get-Process -Id $PID).Path
            $arguments = if ((Split-Path $pwsh -Leaf) -like 'dotnet*') { @('pwsh', '-NoProfile', '-NonInteractive', '-File', $path) } else { @('-NoProfile', '-NonInteractive', '-File', $path) }
            $output = & $pwsh @arguments 2>&1
            $json = $output | Where-Object { $_ -is [string] -and $_.StartsWith('{') } | Select-Object -Last 1
            if (-not $json) { throw "No result from the child pwsh: $($output -join "`n")" }
            $json | ConvertFrom-Json
        }
        finally { Remove-Item -LiteralPath $path -ErrorAction SilentlyContinue }
    }

    $nugetRoot = $env:OKTAEH_NUGET_ROOT ?? (Join-Path $HOME '.nuget/packages')
    $oldRestSharp = Join-Path $nugetRoot 'restsharp/112.1.0/lib/net8.0/RestSharp.dll'
    $oldNewtonsoft = Join-Path $nugetRoot 'newtonsoft.json/12.0.3/lib/netstandard2.0/Newtonsoft.Json.dll'
    $module = Join-Path (Get-Module OktaEventHooks).ModuleBase 'OktaEventHooks.psd1'
}
AfterAll { Stop-TestSandbox }

Describe 'Dependency isolation' {
    It 'has the other versions to load (restored by tools/tools.csproj)' {
        $oldRestSharp | Should -Exist
        $oldNewtonsoft | Should -Exist
    }

    It 'keeps an older RestSharp and Newtonsoft.Json in the session working next to the module''s own' {
        $result = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
# pwsh 7 already holds its own Newtonsoft.Json 13 in the default context; asking for 12 leaves that one in place.
try { Add-Type -LiteralPath '$oldNewtonsoft' } catch { }
Add-Type -LiteralPath '$oldRestSharp'
function Get-WithOldRestSharp {
    `$client = [RestSharp.RestClient]::new('$(Get-SandboxUrl)')
    `$request = [RestSharp.RestRequest]::new('api/v1/eventHooks')
    `$null = [RestSharp.RestRequestExtensions]::AddHeader(`$request, 'Authorization', 'SSWS $($env:OKTAEH_SANDBOX_TOKEN)')
    [int]`$client.ExecuteAsync(`$request, [Threading.CancellationToken]::None).GetAwaiter().GetResult().StatusCode
}
`$before = Get-WithOldRestSharp
Import-Module '$module'
Connect-OktaOrg -OrgUrl '$(Get-SandboxUrl)' -ApiToken (ConvertTo-SecureString '$($env:OKTAEH_SANDBOX_TOKEN)' -AsPlainText -Force)
`$hooks = @(Get-OktaEventHook)
`$after = Get-WithOldRestSharp
`$loaded = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -in 'RestSharp', 'Newtonsoft.Json' } | ForEach-Object {
    '{0} {1} {2}' -f `$_.GetName().Name, `$_.GetName().Version, [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name
}
@{ Before = `$before; After = `$after; Hooks = `$hooks.Count; Loaded = @(`$loaded) } | ConvertTo-Json -Compress
"@
        $result.Before | Should -Be 200
        $result.After | Should -Be 200
        $result.Hooks | Should -Be 0
        $result.Loaded | Should -Contain 'RestSharp 112.1.0.0 Default'
        $result.Loaded | Should -Contain 'RestSharp 114.1.0.0 OktaEventHooks'
        @($result.Loaded -like 'Newtonsoft.Json * Default').Count | Should -Be 1
        $result.Loaded | Should -Contain 'Newtonsoft.Json 13.0.0.0 OktaEventHooks'
    }

    It 'loads nothing of its dependencies at import, only on first use' {
        $result = Invoke-FreshPwsh @"
Import-Module '$module'
`$names = [AppDomain]::CurrentDomain.GetAssemblies().GetName().Name
@{ RestSharp = 'RestSharp' -in `$names; Client = 'OktaEventHooks.Client' -in `$names } | ConvertTo-Json -Compress
"@
        $result.RestSharp | Should -BeFalse
        $result.Client | Should -BeFalse
    }
}
