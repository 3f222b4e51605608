@{
    RootModule           = 'OktaEventHooks.dll'
    ModuleVersion        = '0.3.0'
    CompatiblePSEditions = @('Core', 'Desktop')
    GUID                 = '6f1d3c52-8a7e-4b0c-9d21-3e5f7a9b1c44'
    Author               = 'OktaEventHooks contributors'
    CompanyName          = 'OktaEventHooks'
    Copyright            = '(c) 2026 OktaEventHooks contributors. MIT License.'
    Description          = 'Manage Okta Event Hooks: list, create, change, activate, deactivate, verify and delete them, safely.'
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('OktaEventHooks.Format.ps1xml')
    FunctionsToExport    = @()
    CmdletsToExport      = @(
        'Connect-OktaOrg',
        'Disconnect-OktaOrg',
        'Get-OktaConnection',
        'Get-OktaEventHook',
        'New-OktaEventHook',
        'Set-OktaEventHook',
        'Enable-OktaEventHook',
        'Disable-OktaEventHook',
        'Test-OktaEventHook',
        'Remove-OktaEventHook',
        'Export-OktaEventHook',
        'Import-OktaEventHook',
        'Get-OktaEventType',
        'Get-OktaEventHookLog',
        'Test-OktaEventHookEndpoint',
        'Send-OktaEventHookEvent',
        'Get-OktaEventHookHealth'
    )
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags = @(
                'Okta', 'EventHooks', 'EventHook', 'Webhooks', 'Webhook', 'Identity', 'IAM', 'Security',
                'Automation', 'AzureAutomation', 'Runbook', 'REST',
                'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS'
            )
            # No LicenseUri, ProjectUri or IconUri: the project has no public address yet, and a key with no real
            # value is left out. The licence is the MIT LICENSE file that ships in the packages.
            # No ReleaseNotes here either: build.ps1 package copies this version's CHANGELOG.md section into the
            # packaged copy of this file, so CHANGELOG.md stays the one place for notes.
        }
    }
}
