# Runs every tests/*.Tests.ps1 (or those -Name picks) with the pinned Pester and writes {Passed, Failed} to -SummaryPath.
# build.ps1 test starts the sandbox and sets OKTAEH_SANDBOX_URL, OKTAEH_SANDBOX_TOKEN and OKTAEH_MODULE first.
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $SummaryPath,
    # The files whose name contains this text, or else the tests whose full name contains it; all when empty.
    [string] $Name
)
$ErrorActionPreference = 'Stop'
Import-Module -Name $PesterPath -Force
$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
if ($Name) {
    $files = @(Get-ChildItem -LiteralPath $PSScriptRoot -Filter '*.Tests.ps1' | Where-Object Name -Like "*$Name*")
    if ($files) { $config.Run.Path = $files.FullName } else { $config.Filter.FullName = "*$Name*" }
}
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.Output.RenderMode = 'Plaintext'
$result = Invoke-Pester -Configuration $config
@{
    Passed = $result.PassedCount
    Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
} | ConvertTo-Json | Set-Content -LiteralPath $SummaryPath
