# What the output looks like: the default table and list at 80 and 120 columns, flat properties, JSON and CSV.

BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
    function Secret([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }
}
AfterAll { Stop-TestSandbox }

Describe 'Views and objects: flat and truthful' {
    BeforeAll {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:filtered = New-OktaEventHook -Name 'HR offboarding sync' -Uri 'https://hooks.example.com/okta/hr/offboarding-sync' `
            -EventType user.lifecycle.deactivate, user.lifecycle.suspend -Header @{ 'X-Tenant' = 'emea' } -AuthHeaderValue (Secret 'Basic six') `
            -Filter @{ 'user.lifecycle.suspend' = "event.target.?[type eq 'User'].size() > 0" }
        $script:plain = New-TestHook -Name 'SIEM feed' -Uri 'https://siem.example.com/api/ingest/okta/events/all-of-them'
    }

    It 'shows Name, Status, Verification and the start of Uri at 120 columns, Name and Status at 80' {
        $hooks = Get-OktaEventHook
        $wide = Get-TableLine $hooks 120
        $wide[0] | Should -Match '^Name\s+Status\s+Verification\s+Events\s+Uri\s*$'
        $wide -match '^HR offboarding sync\s+ACTIVE\s+UNVERIFIED\s+2 https://hooks\.example\.com/okta/hr/offboarding-sync\s*$' | Should -HaveCount 1
        $wide -match '^SIEM feed\s+ACTIVE\s+UNVERIFIED\s+1 https://siem\.example\.com/api/ingest/okta/events' | Should -HaveCount 1
        $wide | ForEach-Object { $_.Length | Should -BeLessOrEqual 120 }
        $narrow = Get-TableLine $hooks 80
        $narrow[0] | Should -Match '^Name\s+Status\b'
        $narrow -match '^HR offboarding sync\s+ACTIVE\b' | Should -HaveCount 1
        $narrow -match '^SIEM feed\s+ACTIVE\b' | Should -HaveCount 1
        $narrow | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }

    It 'shows in Format-List * only the flat properties, not Okta''s nested Events, Channel or Links' {
        $names = (Get-OktaEventHook 'HR offboarding sync').PSObject.Properties.Name
        $names | Should -Not -Contain 'Events'
        $names | Should -Not -Contain 'Channel'
        $names | Should -Not -Contain 'Links'
        $text = Get-OktaEventHook 'HR offboarding sync' | Format-List * | Out-String -Width 300
        $text | Should -Match '(?m)^EventTypes\s*: \{user\.lifecycle\.deactivate, user\.lifecycle\.suspend\}'
        $text | Should -Not -Match 'OktaEventHooks\.'
    }

    It 'names only properties in the default list view' {
        $hook = Get-OktaEventHook 'HR offboarding sync'
        $labels = (($hook | Format-List | Out-String -Width 300) -split "`r?`n") -match '^\S.*? : ' -replace '^(\S+)\s*:.*$', '$1'
        $labels | Should -Not -BeNullOrEmpty
        foreach ($label in $labels) { $hook.PSObject.Properties.Name | Should -Contain $label }
        $labels | Should -Contain 'AuthHeaderName'
    }

    It 'converts to JSON without a depth warning, with the lists and maps as JSON arrays and objects' {
        $json = Get-OktaEventHook 'HR offboarding sync' | ConvertTo-Json -WarningVariable depth 3>$null
        $depth | Should -BeNullOrEmpty
        $back = $json | ConvertFrom-Json
        $back.EventTypes | Should -Be @('user.lifecycle.deactivate', 'user.lifecycle.suspend')
        $back.Headers.'X-Tenant' | Should -Be 'emea'
        $back.Filter.'user.lifecycle.suspend' | Should -Match 'User'
        $back.AuthHeaderName | Should -Be 'Authorization'
        $json | Should -Not -Match 'Basic six'
    }

    It 'exports to CSV with every field as readable text, no type names' {
        $rows = Get-OktaEventHook | ConvertTo-Csv | ConvertFrom-Csv
        $hr = $rows | Where-Object Name -eq 'HR offboarding sync'
        $hr.EventTypes | Should -Be 'user.lifecycle.deactivate, user.lifecycle.suspend'
        $hr.Headers | Should -Be 'X-Tenant: emea'
        $hr.Filter | Should -Be "user.lifecycle.suspend: event.target.?[type eq 'User'].size() > 0"
        $hr.Uri | Should -Be 'https://hooks.example.com/okta/hr/offboarding-sync'
        ($rows | ConvertTo-Csv) -join "`n" | Should -Not -Match 'System\.|OktaEventHooks\.'
    }

    It 'still binds piped hooks by Id, and Test-OktaEventHookEndpoint binds their Uri and Headers' {
        $receiverHook = New-TestHook -Name 'receiver' -Header @{ 'X-Tenant' = 'apac' }
        Clear-ReceiverRequestLog
        $result = Get-OktaEventHook 'receiver' | Test-OktaEventHookEndpoint -Confirm:$false
        $result.Uri | Should -Be $receiverHook.Uri
        (Get-ReceiverRequestLog)[0].headers.'X-Tenant' | Should -Be 'apac'
        (Get-OktaEventHook 'receiver' | Disable-OktaEventHook -PassThru -Confirm:$false).Status | Should -Be 'INACTIVE'
    }

    It 'copies a hook into New-OktaEventHook by property name, headers and filters included' {
        $copy = Get-OktaEventHook 'HR offboarding sync' | Select-Object Uri, EventTypes, Headers, Filter, @{ Name = 'Name'; Expression = { 'Copy of HR' } } |
            New-OktaEventHook -Confirm:$false
        $copy.Headers['X-Tenant'] | Should -Be 'emea'
        $copy.Filter['user.lifecycle.suspend'] | Should -Match 'User'
        $copy.EventTypes | Should -Be @('user.lifecycle.deactivate', 'user.lifecycle.suspend')
    }
}
