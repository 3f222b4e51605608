@{
    RootModule           = 'OktaEventHooks.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Core', 'Desktop')
    GUID                 = '6f1d3c52-8a7e-4b0c-9d21-3e5f7a9b1c44'
    Author               = 'OktaEventHooks contributors'
    CompanyName          = 'OktaEventHooks'
    Copyright            = '(c) OktaEventHooks contributors. MIT License.'
    Description          = 'Manage Okta Event Hooks: list, create, change, activate, deactivate, verify and delete them, safely.'
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('OktaEventHooks.Format.ps1xml')
    FunctionsToExport    = @()
    CmdletsToExport      = @(
        'Connect-OktaOrg'
        'Disconnect-OktaOrg'
        'Get-OktaConnection'
        'Get-OktaEventHook'
        'New-OktaEventHook'
        'Set-OktaEventHook'
        'Enable-OktaEventHook'
        'Disable-OktaEventHook'
        'Test-OktaEventHook'
        'Remove-OktaEventHook'
        'Export-OktaEventHook'
        'Import-OktaEventHook'
        'Get-OktaEventType'
        'Get-OktaEventHookLog'
        'Test-OktaEventHookEndpoint'
    )
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Okta', 'EventHooks', 'Webhooks', 'Identity', 'Automation')
            LicenseUri   = ''
            ProjectUri   = ''
            ReleaseNotes = 'See CHANGELOG.md'
        }
    }
}
