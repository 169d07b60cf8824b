; Inno Setup 6 script: the Windows installer of Trainer Desktop,
; dist\trainer-desktop-<version>-windows-x64-setup.exe. Saved as UTF-8 with a byte-order mark
; (Inno Setup reads the Arabic text below correctly only so).
;
; Build on Windows, from the project folder (see packaging\README.md):
;     py dev.py package
;     iscc packaging\windows\trainer-desktop.iss
;
; Per user, no administrator rights: the program goes to %LOCALAPPDATA%\Programs\Trainer Desktop,
; the Start-menu shortcut to the user's Start menu, the .tdbundle file type to HKCU. The version
; is read from TrainerDesktop.exe (set by the PyInstaller spec from trainer_desktop/__init__.py).
;
; The user's DATA is never touched, by an update or by the uninstaller: the database, its backups
; and the laptop's signing key (inside the database) live in %LOCALAPPDATA%\TrainerDesktop\
; (platformdirs' user_data_path("TrainerDesktop"), trainer_desktop/core/database.py), a folder
; this script neither installs nor deletes.

#define AppName "Trainer Desktop"
#define AppExe "TrainerDesktop.exe"
#define BuildDir AddBackslash(SourcePath) + "..\..\dist\trainer-desktop"
#define IconFile AddBackslash(SourcePath) + "..\..\trainer_desktop\resources\icons\trainer-desktop.ico"
#define BundleProgId "TrainerDesktop.Bundle"
#define DistDir AddBackslash(SourcePath) + "..\..\dist"

#if !FileExists(BuildDir + "\" + AppExe)
  #error "dist\trainer-desktop\TrainerDesktop.exe is missing: run `py dev.py package` first."
#endif
#define AppVersion GetStringFileInfo(BuildDir + "\" + AppExe, "ProductVersion")

[Setup]
; The AppId identifies the installation for updates and uninstalling: never change it.
AppId={{146E80C1-861E-407D-BB1A-A5C2DCEC0ADD}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
; Per-user install: with PrivilegesRequired=lowest, {autopf} is {userpf},
; %LOCALAPPDATA%\Programs, and {autoprograms} the user's Start menu.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
; Closes a running Trainer Desktop before replacing its files (Restart Manager).
CloseApplications=yes
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
OutputDir={#DistDir}
OutputBaseFilename=trainer-desktop-{#AppVersion}-windows-x64-setup
ShowLanguageDialog=auto

[Languages]
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"
; Arabic ships with Inno Setup 6.5 and later; with an older Inno Setup the installer is made
; without it (update Inno Setup to have it).
#if FileExists(CompilerPath + "Languages\Arabic.isl")
Name: "ar"; MessagesFile: "compiler:Languages\Arabic.isl"
  #define HaveArabic
#else
  #pragma message "Languages\Arabic.isl not found: the installer will offer French and English only"
#endif

[CustomMessages]
fr.BundleFileType=Paquet Trainer Desktop
en.BundleFileType=Trainer Desktop bundle
#ifdef HaveArabic
ar.BundleFileType=حزمة Trainer Desktop
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update starts from a clean program folder: libraries of the previous version must not
; linger beside the new ones. This is the program folder only, never the data folder.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; Both programs and their shared _internal folder: TrainerDesktop.exe (windowed, the shortcut
; and the file association) and trainer-desktop.exe (console, for the command line).
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; The .tdbundle file type, per user (HKCU\Software\Classes). Opening a bundle runs
; TrainerDesktop.exe "<the file>": the application opens its window and imports it.
Root: HKCU; Subkey: "Software\Classes\.tdbundle"; ValueType: string; ValueName: ""; ValueData: "{#BundleProgId}"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.tdbundle\OpenWithProgids"; ValueType: string; ValueName: "{#BundleProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\{#BundleProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:BundleFileType}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#BundleProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKCU; Subkey: "Software\Classes\{#BundleProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
; "Open with" lists the program under its name.
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".tdbundle"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program folder may hold beyond the installed files. NOT the data folder
; (%LOCALAPPDATA%\TrainerDesktop\): the user's database and backups survive an uninstall; to
; remove them, delete that folder by hand.
Type: dirifempty; Name: "{app}"
