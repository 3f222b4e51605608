# Runs every tests/*.Tests.ps1 with the pinned Pester and writes {Passed, Failed} to -SummaryPath.
# build.ps1 test starts the sandbox and sets OKTAEH_SANDBOX_URL, OKTAEH_SANDBOX_TOKEN and OKTAEH_MODULE first.
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $SummaryPath
)
$ErrorActionPreference = 'Stop'
Import-Module -Name $PesterPath -Force
$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.Output.RenderMode = 'Plaintext'
$result = Invoke-Pester -Configuration $config
@{
    Passed = $result.PassedCount
    Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
} | ConvertTo-Json | Set-Content -LiteralPath $SummaryPath
