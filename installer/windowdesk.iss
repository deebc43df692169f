; Inno Setup 6 script: the Windows installer of the one-folder app that installer/windowdesk.spec builds into
; dist\windowdesk (installer/WINDOWS.md gives the steps). Compile on the Windows build PC from the checkout:
;
;   iscc /DAppVersion=0.1.0 installer\windowdesk.iss      (the version `dist\windowdesk\windowdesk --version` says)
;
; gives dist\windowdesk-setup-<version>.exe. The program goes to Program Files; the data (the database, its
; backups/ and logs/) stays in each user's %LOCALAPPDATA%\windowdesk, which an uninstall or an upgrade never
; touches. After installing, the office runs `windowdesk self-check` (offered on the last page).
; Saved as UTF-8 with a byte-order mark, so every Inno Setup 6 reads its Chinese as such.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "一站式结算窗口"
#define AppExe "windowdesk.exe"
#define WindowExe "windowdesk-window.exe"

[Setup]
; The AppId ties upgrades to this app: never change it.
AppId={{6F3B2A9E-4C1D-4E8B-9A57-2D0C7E1B5F43}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=windowdesk
DefaultDirName={autopf}\windowdesk
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
OutputDir=..\dist
OutputBaseFilename=windowdesk-setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
; PyInstaller builds for the system it runs on: a 64-bit Python gives a 64-bit app.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Windows 10 or later (Qt 6 runs on nothing older).
MinVersion=10.0
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
UninstallDisplayIcon={app}\{#WindowExe}
WizardStyle=modern

[Languages]
; Chinese first (the clerks' language). An Inno Setup whose Languages folder lacks ChineseSimplified.isl
; takes it from the Inno Setup project's translations (WINDOWS.md, step 5).
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole folder: both programs, _internal\ (Python, Qt, PDFium, resources\, db\migrations\).
Source: "..\dist\windowdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#WindowExe}"
Name: "{group}\{#AppName} 自检"; Filename: "{cmd}"; Parameters: "/k ""{app}\{#AppExe}"" self-check"; \
    WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#WindowExe}"; Tasks: desktopicon

[Run]
; The check an office runs after installing: a fresh database in a temporary folder, a demo visit settled,
; its receipt rendered. The console stays open so its lines can be read (exit 0 passed, 1 names the step).
Filename: "{cmd}"; Parameters: "/k ""{app}\{#AppExe}"" self-check"; WorkingDir: "{app}"; \
    Description: "运行自检 (windowdesk self-check)"; Flags: postinstall nowait skipifsilent
Filename: "{app}\{#WindowExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; \
    Flags: postinstall nowait skipifsilent unchecked

[UninstallDelete]
; Only what the program folder gathers at run time (Python's caches); never the users' data folders.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
