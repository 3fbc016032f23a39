package main

import (
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/message/catalog"
)

// messages is the French catalogue: the English text of each message, as
// written at its call site, and its French translation (see i18n.go for how
// to add one). Keep the same verbs (%s, %q, %d, %v) in the same order, or
// number them (%[2]s) when the French order differs. French typography: a
// space before « : », « ; », « ? » and « ! »; program and file prefixes
// (« labelkit render: », « fichier.toml: ») keep their colon without a
// space, as in the convention's problem lines.
var messages = map[string]string{
	// Template limits (i18n.go, limitText).
	"the document made would be too large (over render.Limits.MaxPartSize for one part or MaxTotalSize in all): reduce the data, or what the template repeats; a Go program can raise the limits with render.WithLimits":                                             "le document produit serait trop grand (au-delà de render.Limits.MaxPartSize pour une partie ou de MaxTotalSize en tout) : réduisez les données, ou ce que le modèle répète ; un programme Go peut relever ces limites avec render.WithLimits",
	"list too long: %d items, at most %d (render.Limits.MaxItems): ask until, seq or untilStep for fewer; a Go program can raise the limit with render.WithLimits":                                                                                                   "liste trop longue : %d éléments, au plus %d (render.Limits.MaxItems) : demandez-en moins à until, seq ou untilStep ; un programme Go peut relever la limite avec render.WithLimits",
	"more than %d XML elements in this part (a fixed bound of template parsing): simplify the template, or split it":                                                                                                                                                 "plus de %d éléments XML dans cette partie (une borne fixe de la lecture des modèles) : simplifiez le modèle, ou découpez-le",
	"more than %d XML elements in the templated parts together (main document, headers, footers, notes, comments; a fixed bound of template parsing): simplify the template (fewer or lighter headers and footers)":                                                  "plus de %d éléments XML dans les parties à remplir ensemble (document principal, en-têtes, pieds de page, notes, commentaires ; une borne fixe de la lecture des modèles) : simplifiez le modèle (moins d'en-têtes et de pieds de page, ou plus légers)",
	"more than %d template actions in one part (a fixed bound of template parsing): split the template":                                                                                                                                                              "plus de %d actions de modèle dans une partie (une borne fixe de la lecture des modèles) : découpez le modèle",
	"the templated parts together (main document, headers, footers, notes, comments, charts, properties) are larger than render.Limits.%s = %d bytes: make the template smaller (less text, fewer headers); a Go program can raise the limit with render.WithLimits": "les parties à remplir (document principal, en-têtes, pieds de page, notes, commentaires, graphiques, propriétés) dépassent ensemble render.Limits.%s = %d octets : allégez le modèle (moins de texte, moins d'en-têtes) ; un programme Go peut relever la limite avec render.WithLimits",
	"%s: paragraph %d « %s »": "%s: paragraphe %d « %s »",
	"%s: paragraph %d":        "%s: paragraphe %d",
	// Top level (app.go).
	"render agreements (or the blank form) from .toml/.json inputs":   "produit les conventions (ou le formulaire vierge) à partir de fichiers .toml/.json",
	"check inputs and list every problem":                             "vérifie des fichiers et liste tous leurs problèmes",
	"read filled forms back into inputs (TOML or JSON)":               "relit des formulaires remplis en fichiers de saisie (TOML ou JSON)",
	"write a commented starter input to fill in":                      "écrit un fichier de départ commenté, à compléter",
	"fill any DOCX template with TOML or JSON data":                   "remplit n'importe quel modèle DOCX avec des données TOML ou JSON",
	"list the data paths a template uses":                             "liste les chemins de données qu'utilise un modèle",
	"list the embedded templates":                                     "liste les modèles intégrés",
	"export, pack or unpack a template (template export|pack|unpack)": "exporte, assemble ou décompose un modèle (template export|pack|unpack)",
	"print labelkit's version and the Go version":                     "affiche la version de labelkit et celle de Go",
	"show help for a command":                                         "affiche l'aide d'une commande",
	"labelkit: unknown command %q (did you mean %q?)":                 "labelkit: commande inconnue %q (vouliez-vous dire %q ?)",
	"labelkit: unknown command %q":                                    "labelkit: commande inconnue %q",
	"Run 'labelkit --help' for the list of commands.":                 "Lancez « labelkit --help » pour la liste des commandes.",
	"labelkit help: takes one command name":                           "labelkit help: attend un seul nom de commande",
	"labelkit help: unknown command %q":                               "labelkit help: commande inconnue %q",
	`labelkit produces the ANS agreement « Convention relative aux conditions
d'utilisation du label e-santé Logiciel Centres de santé » V2 (version 4.0.2)
as DOCX documents, and fills any DOCX template with TOML or JSON data.

Usage:

  labelkit <command> [flags] [arguments]

Commands:
%s
Examples:

  labelkit init convention.toml          # a starter input to fill in
  labelkit validate convention.toml      # every problem at once
  labelkit render convention.toml        # writes convention.docx
  labelkit render -o out/ inputs/        # a whole folder, on all cores
  labelkit render --blank                # the blank form

Run 'labelkit <command> --help' for a command's flags and examples.
Exit codes: 0 all good, 1 some inputs failed, 2 usage error,
130/143 interrupted (SIGINT/SIGTERM).
`: `labelkit produit la « Convention relative aux conditions d'utilisation du
label e-santé Logiciel Centres de santé » V2 (version 4.0.2) de l'ANS en
documents DOCX, et remplit n'importe quel modèle DOCX avec des données TOML
ou JSON.

Utilisation :

  labelkit <commande> [options] [arguments]

Commandes :
%s
Exemples :

  labelkit init convention.toml          # un fichier de départ à compléter
  labelkit validate convention.toml      # tous les problèmes d'un coup
  labelkit render convention.toml        # écrit convention.docx
  labelkit render -o sortie/ entrees/    # tout un dossier, sur tous les cœurs
  labelkit render --blank                # le formulaire vierge

Lancez « labelkit <commande> --help » pour les options et des exemples.
Codes de sortie : 0 tout va bien, 1 des entrées ont échoué, 2 erreur
d'utilisation, 130/143 interrompu (SIGINT/SIGTERM).
`,

	// Flags and help (flags.go).
	" (default %s)":                      " (par défaut : %s)",
	"\nFlags:\n":                         "\nOptions :\n",
	"\nExamples:\n":                      "\nExemples :\n",
	"Run '%s --help' for usage.":         "Lancez « %s --help » pour l'aide.",
	"bad flag syntax: %s":                "option mal écrite : %s",
	"flag provided but not defined: -%s": "option inconnue : -%s",
	"invalid value %q for flag -%s: use true or false": "valeur %q invalide pour l'option -%s : utilisez true ou false",
	"flag needs an argument: -%s":                      "l'option -%s attend une valeur",
	"invalid value %q for flag -%s: %v":                "valeur %q invalide pour l'option -%s : %v",
	"unknown format %q: use toml or json":              "format %q inconnu : utilisez toml ou json",

	// Operating-system errors (i18n.go).
	"%s: cannot move into place: %v":     "%s: mise en place impossible : %v",
	"%s: cannot open: %v":                "%s: ouverture impossible : %v",
	"%s: cannot read: %v":                "%s: lecture impossible : %v",
	"%s: cannot write: %v":               "%s: écriture impossible : %v",
	"%s: cannot create the folder: %v":   "%s: création du dossier impossible : %v",
	"%s: cannot remove: %v":              "%s: suppression impossible : %v",
	"permission denied":                  "permission refusée",
	"no such file or folder":             "fichier ou dossier introuvable",
	"already exists":                     "existe déjà",
	"no space left on the disk":          "plus de place sur le disque",
	"read-only file system":              "système de fichiers en lecture seule",
	"is a folder":                        "c'est un dossier",
	"a part of the path is not a folder": "une partie du chemin n'est pas un dossier",
	"input/output error":                 "erreur d'entrée-sortie",
	"file name too long":                 "nom de fichier trop long",
	"the reader closed the pipe":         "le lecteur a fermé le tube",
	"too many open files":                "trop de fichiers ouverts",
	"too many levels of symbolic links":  "trop de niveaux de liens symboliques",
	"interrupted (SIGINT)":               "interrompu (SIGINT)",
	"terminated (SIGTERM)":               "arrêté (SIGTERM)",
	"<stdin>":                            "<entrée standard>",
	"<stdout>":                           "<sortie standard>",

	// Inputs and outputs (inputs.go, atomic.go, batch.go).
	`"-" (standard input) may be given only once`:                    "« - » (l'entrée standard) ne peut être donné qu'une fois",
	"%s: no such file or folder":                                     "%s: fichier ou dossier introuvable",
	"%s: not a .toml or .json file (the extension tells the format)": "%s: ni un fichier .toml ni un fichier .json (l'extension indique le format)",
	"%s: no .toml or .json files in this folder":                     "%s: aucun fichier .toml ou .json dans ce dossier",
	"%s would all write %s":                                          "%s écriraient tous %s",
	"output name collision: %v; rename the inputs or render them into different folders (nothing was written)": "conflit de noms de sortie : %v ; renommez les entrées ou produisez-les dans des dossiers différents (rien n'a été écrit)",
	"already exists; use --force to overwrite it":                                                              "existe déjà ; utilisez --force pour le remplacer",
	"%s: cannot write in this folder: %v":                                                                      "%s: écriture impossible dans ce dossier : %v",
	"labelkit: %v: stopped; nothing was written":                                                               "labelkit: %v : arrêt ; rien n'a été écrit",
	"%s is a folder; rename it or write to another folder (-o)":                                                "%s est un dossier ; renommez-le ou écrivez dans un autre dossier (-o)",
	"already exists: skipped":                                                                                  "existe déjà : passé",
	"invalid output name %q":                                                                                   "nom de sortie %q invalide",
	"%s: cannot create a temporary file in this folder":                                                        "%s: impossible de créer un fichier temporaire dans ce dossier",
	"labelkit: %v: stopped; finished outputs are complete, no temporary file is left":                          "labelkit: %v : arrêt ; les documents terminés sont complets, aucun fichier temporaire ne reste",

	// Progress and summary (progress.go; the counts are in plurals).
	"rendering":          "production",
	"validating":         "vérification",
	"filling":            "remplissage",
	" %d/%d  %s  %.0f/s": " %d/%d  %s  %.0f/s",
	"labelkit: %s in %s": "labelkit: %s en %s",

	// render (render.go).
	`
Usage:

  labelkit render [-o DIR] [-t TEMPLATE] [--force] [-q] INPUT...
  labelkit render --blank [-o FILE] [-t TEMPLATE] [--force]

Renders one agreement per INPUT: a .toml or .json agreement file (the
extension tells the format), or a folder, which stands for its .toml and .json
files (not recursive). Each input becomes DIR/<input name>.docx (default DIR:
the current folder). "-" reads one input from standard input (--format tells
its format) and writes its DOCX to standard output.

Each input is decoded and validated before it is rendered: an input with
errors is listed (file:line:column: key.path: message) and skipped, the others
are rendered, on all cores (GOMAXPROCS workers; -j to change; messages come in
the order of the inputs). A progress bar shows on a terminal; the
summary line tells what was rendered, failed and skipped, and the time taken.

Outputs are written to a file of DIR that has no name yet (on Linux; elsewhere
a temporary file .NAME.docx.tmp-XXXX), synced, then given their name: an
interrupted run (Ctrl-C), even killed, never leaves a truncated .docx. An existing output is never overwritten without --force (it counts as
a failed input; --skip-existing leaves it alone, to finish an interrupted
batch). Two inputs that would write the same output are an error before
anything is written. A second Ctrl-C stops at once, removing the temporary
files.

-t names an embedded template (see 'labelkit templates'), or a .docx file or an
unpacked template folder of your own; it receives the same data (see
'labelkit vars').

With --blank, writes the official blank form instead, to FILE (default
` + blankName + ` in the current folder; a folder puts it inside; "-" is
standard output).

Exit codes: 0 all rendered; 1 some inputs failed or were skipped; 2 usage
error (bad flags, missing input, output collision, a template that does not
load: nothing was written); 130/143 interrupted by SIGINT/SIGTERM.
`: `
Utilisation :

  labelkit render [-o DOSSIER] [-t MODÈLE] [--force] [-q] ENTRÉE...
  labelkit render --blank [-o FICHIER] [-t MODÈLE] [--force]

Produit une convention par ENTRÉE : un fichier de convention .toml ou .json
(l'extension indique le format), ou un dossier, qui vaut pour ses fichiers
.toml et .json (sans ses sous-dossiers). Chaque entrée donne
DOSSIER/<nom de l'entrée>.docx (DOSSIER par défaut : le dossier courant).
« - » lit une entrée sur l'entrée standard (--format indique son format) et
écrit son DOCX sur la sortie standard.

Chaque entrée est décodée et vérifiée avant d'être produite : une entrée qui
a des erreurs est signalée (fichier:ligne:colonne: clé: message) et ignorée,
les autres sont produites, sur tous les cœurs (GOMAXPROCS en parallèle ; -j
pour changer ; les messages suivent l'ordre des entrées). Une barre de
progression s'affiche sur un terminal ; la ligne de bilan dit ce qui a été
produit, ce qui a échoué ou a été ignoré, et le temps pris.

Chaque document est écrit dans un fichier de DOSSIER encore sans nom (sous
Linux ; ailleurs un fichier temporaire .NOM.docx.tmp-XXXX), synchronisé, puis
nommé : une exécution interrompue (Ctrl-C), même tuée, ne laisse jamais de
.docx tronqué. Un document existant
n'est jamais remplacé sans --force (l'entrée compte alors comme en échec ;
--skip-existing le laisse tel quel, pour finir une série interrompue). Deux
entrées qui écriraient le même document sont une erreur, signalée avant toute
écriture. Un second Ctrl-C arrête tout de suite, en supprimant les fichiers
temporaires.

-t désigne un modèle intégré (voir « labelkit templates »), ou votre propre
fichier .docx ou dossier de modèle décomposé ; il reçoit les mêmes données
(voir « labelkit vars »).

Avec --blank, écrit à la place le formulaire vierge officiel, dans FICHIER
(par défaut ` + blankName + ` dans le dossier courant ; un dossier le
reçoit ; « - » est la sortie standard).

Codes de sortie : 0 tout a été produit ; 1 des entrées ont échoué ou ont été
ignorées ; 2 erreur d'utilisation (option incorrecte, entrée manquante,
conflit de noms, modèle illisible : rien n'a été écrit) ; 130/143 interrompu
par SIGINT/SIGTERM.
`,
	`
  labelkit render acme.toml                    # writes ./acme.docx
  labelkit render -o out/ candidats/           # every .toml/.json of the folder
  labelkit render candidats/*.toml -o out --force
  labelkit render - < acme.json --format json > acme.docx
  labelkit render -t ma-convention.docx acme.toml
  labelkit render --blank                      # writes ./` + blankName + `
  labelkit render --blank -o - > vierge.docx`: `
  labelkit render acme.toml                    # écrit ./acme.docx
  labelkit render -o sortie/ candidats/        # tous les .toml/.json du dossier
  labelkit render candidats/*.toml -o sortie --force
  labelkit render - < acme.json --format json > acme.docx
  labelkit render -t ma-convention.docx acme.toml
  labelkit render --blank                      # écrit ./` + blankName + `
  labelkit render --blank -o - > vierge.docx`,
	"overwrite existing outputs":                                       "remplace les documents existants",
	"quiet: no progress bar and no summary (errors are still printed)": "silencieux : ni barre de progression ni bilan (les erreurs restent affichées)",
	"`FORMAT` of standard input: toml or json":                         "`FORMAT` de l'entrée standard : toml ou json",
	"`N` inputs rendered at once, 1 or more, at most 4 per CPU; the default is one per usable core (GOMAXPROCS)": "`N` entrées produites en même temps, 1 ou plus, au plus 4 par processeur ; par défaut, une par cœur utilisable (GOMAXPROCS)",
	"a number of inputs at once, 1 or more":                                                                 "un nombre d'entrées en même temps, 1 ou plus",
	"skip the inputs whose output exists (to finish an interrupted batch); --resume is the same":            "passe les entrées dont le document existe déjà (pour finir une série interrompue) ; --resume fait de même",
	"same as --skip-existing":                                                                               "comme --skip-existing",
	"--force and --skip-existing contradict each other: choose one":                                         "--force et --skip-existing se contredisent : choisissez l'une des deux",
	"%s: the output is a Word document: give a name ending in .docx (or no extension, .docx is then added)": "%s : la sortie est un document Word : donnez un nom qui finit par .docx (ou sans extension, .docx est alors ajouté)",
	"standard input looks like JSON: add --format json":                                                     "l'entrée standard ressemble à du JSON : ajoutez --format json",
	"labelkit: %s: cannot write: %v":                                                                        "labelkit: %s: écriture impossible : %v",
	"refusing to write a DOCX to a terminal: redirect standard output, or give a file instead of -":         "refus d'écrire un DOCX sur un terminal : redirigez la sortie standard, ou donnez un fichier au lieu de -",
	"output `DIR` (or FILE with --blank; \"-\" for standard output)":                                        "`DOSSIER` de sortie (ou FICHIER avec --blank ; « - » pour la sortie standard)",
	"`TEMPLATE`: an embedded template name, a .docx file or an unpacked template folder":                    "`MODÈLE` : le nom d'un modèle intégré, un fichier .docx ou un dossier de modèle décomposé",
	"`POLICY` making outputs durable before they appear: batch (one file-system sync per group of outputs), each (fsync of each output: flushes only labelkit's files, slower), none (no sync: scratch folders)": "`POLITIQUE` qui rend les sorties durables avant qu'elles n'apparaissent : batch (une synchronisation du système de fichiers par groupe de sorties), each (un fsync par sortie : ne vide que les fichiers de labelkit, plus lent), none (aucune synchronisation : dossiers temporaires)",
	"unknown sync policy %q: use batch, each or none":                                  "politique de synchronisation %q inconnue : utilisez batch, each ou none",
	"write the blank form":                                                             "écrit le formulaire vierge",
	"--blank takes no inputs":                                                          "--blank ne prend pas d'entrée",
	"`DURATION` one document may take to render, e.g. 30s or 2m (0: no limit)":         "`DURÉE` que peut prendre un document, par exemple 30s ou 2m (0 : sans limite)",
	"%v (longer than --timeout %v: a template that loops, or raise --timeout)":         "%v (plus long que --timeout %v : un modèle qui boucle, ou augmentez --timeout)",
	"no inputs: give .toml or .json files, folders, or - for standard input":           "aucune entrée : donnez des fichiers .toml ou .json, des dossiers, ou - pour l'entrée standard",
	`-o - is only for --blank; use "-" as the input to write to standard output`:       "-o - ne sert qu'avec --blank ; donnez « - » comme entrée pour écrire sur la sortie standard",
	"refusing to write a DOCX to a terminal: redirect standard output or give -o FILE": "refus d'écrire un DOCX sur un terminal : redirigez la sortie standard ou donnez -o FICHIER",
	"blank form":         "formulaire vierge",
	"labelkit: wrote %s": "labelkit: %s écrit",

	// --pdf, --pdf-only (pdf.go).
	"also write NAME.pdf (PDF/A-2b, through LibreOffice) beside each NAME.docx":                                                                             "écrit aussi NOM.pdf (PDF/A-2b, par LibreOffice) à côté de chaque NOM.docx",
	"write NAME.pdf only, not the DOCX":                                                                                                                     "écrit NOM.pdf seul, sans le DOCX",
	"--pdf with - would write two documents to standard output: use --pdf-only for the PDF alone":                                                           "--pdf avec - écrirait deux documents sur la sortie standard : utilisez --pdf-only pour le PDF seul",
	"--pdf with -o - would write two documents to standard output: use --pdf-only for the PDF alone":                                                        "--pdf avec -o - écrirait deux documents sur la sortie standard : utilisez --pdf-only pour le PDF seul",
	"labelkit: no PDF written: %s is %s; PDF/A-2 needs LibreOffice %s or later: install a newer LibreOffice, or name its soffice with %s=/path/to/soffice.": "labelkit: aucun PDF écrit : %s est %s ; le PDF/A-2 demande LibreOffice %s ou plus récent : installez un LibreOffice plus récent, ou désignez son soffice par %s=/chemin/vers/soffice.",
	"labelkit: no PDF written: LibreOffice (soffice) not found. Install LibreOffice %s or later (Debian, Ubuntu: sudo apt-get install libreoffice-writer-nogui fonts-liberation2 fonts-dejavu-core), or name its soffice with %s=/path/to/soffice.": "labelkit: aucun PDF écrit : LibreOffice (soffice) est introuvable. Installez LibreOffice %s ou plus récent (Debian, Ubuntu : sudo apt-get install libreoffice-writer-nogui fonts-liberation2 fonts-dejavu-core), ou désignez son soffice par %s=/chemin/vers/soffice.",
	"The DOCX outputs were written.":                     "Les DOCX ont été écrits.",
	"LibreOffice did not finish in time and was stopped": "LibreOffice n'a pas fini à temps et a été arrêté",
	"LibreOffice stopped while converting":               "LibreOffice s'est arrêté pendant la conversion",
	"LibreOffice could not open the document":            "LibreOffice n'a pas pu ouvrir le document",
	"LibreOffice wrote no PDF":                           "LibreOffice n'a écrit aucun PDF",
	"PDF: %v":                                            "PDF : %v",
	"PDF: %v (LibreOffice said: %s)":                     "PDF : %v (message de LibreOffice : %s)",

	// fill (fill.go, data.go).
	`
Usage: labelkit fill -t TEMPLATE [-o DIR] [--force] [--allow-missing] [-q] DATA...

The generic toolkit: fills any DOCX template with data. TEMPLATE is a .docx
with Go template actions in its text ({{.name}}, {{range .items}}…{{end}},
{{if .x}}…{{end}}), an unpacked template folder, or an embedded template name.
Each DATA is a .toml or .json file of any shape whose top level is a table /
object (keys are what the template uses: see 'labelkit vars TEMPLATE'), or a
folder of them; each gives DIR/<data name>.docx. "-" reads data from standard
input (--format) and writes the DOCX to standard output.

The template is parsed once; documents are rendered on all cores and written
like 'labelkit render' writes them (temporary file, then moved into place;
no overwrite without --force; output collisions refused). A key the template
uses but the data lacks is an error, unless --allow-missing (then it prints
nothing).

Pictures: {{image .logo}} takes a file name relative to the data file (or
a data: URL); it never reads outside the data file's folder. Links:
{{link .url "text"}} (http, https and mailto only).

Exit codes: 0 all filled; 1 some data files failed; 2 usage error;
130/143 interrupted.
`: `
Utilisation : labelkit fill -t MODÈLE [-o DOSSIER] [--force] [--allow-missing] [-q] DONNÉES...

L'outil générique : remplit n'importe quel modèle DOCX avec des données.
MODÈLE est un .docx dont le texte contient des actions de modèle Go
({{.name}}, {{range .items}}…{{end}}, {{if .x}}…{{end}}), un dossier de modèle
décomposé, ou le nom d'un modèle intégré. Chaque DONNÉES est un fichier .toml
ou .json de forme libre dont le premier niveau est une table / un objet (ses
clés sont celles qu'utilise le modèle : voir « labelkit vars MODÈLE »), ou un
dossier de tels fichiers ; chacun donne DOSSIER/<nom des données>.docx.
« - » lit les données sur l'entrée standard (--format) et écrit le DOCX sur la
sortie standard.

Le modèle est lu une fois ; les documents sont produits sur tous les cœurs et
écrits comme ceux de « labelkit render » (fichier temporaire, puis mis en
place ; rien n'est remplacé sans --force ; conflits de noms refusés). Une clé
qu'utilise le modèle et qui manque aux données est une erreur, sauf avec
--allow-missing (elle n'affiche alors rien).

Images : {{image .logo}} prend un nom de fichier relatif au fichier de
données (ou une URL data:) ; rien n'est lu hors du dossier du fichier de
données. Liens : {{link .url "texte"}} (http, https et mailto seulement).

Codes de sortie : 0 tout a été rempli ; 1 des fichiers de données ont
échoué ; 2 erreur d'utilisation ; 130/143 interrompu.
`,
	`
  labelkit fill -t lettre.docx -o out/ clients/*.json
  labelkit fill -t lettre.docx dupont.toml     # writes ./dupont.docx
  echo '{"name": "Dupont"}' | labelkit fill -t lettre.docx --format json - > dupont.docx
  labelkit template pack lettre/ && labelkit fill -t lettre.docx data.toml`: `
  labelkit fill -t lettre.docx -o sortie/ clients/*.json
  labelkit fill -t lettre.docx dupont.toml     # écrit ./dupont.docx
  echo '{"name": "Dupont"}' | labelkit fill -t lettre.docx --format json - > dupont.docx
  labelkit template pack lettre/ && labelkit fill -t lettre.docx donnees.toml`,
	"output `DIR`": "`DOSSIER` de sortie",
	"`TEMPLATE`: a .docx file, an unpacked template folder or an embedded template name (required)": "`MODÈLE` : un fichier .docx, un dossier de modèle décomposé ou le nom d'un modèle intégré (obligatoire)",
	"render missing data keys as nothing instead of failing":                                        "n'affiche rien pour une clé absente des données, au lieu d'échouer",
	"-t TEMPLATE is required": "-t MODÈLE est obligatoire",
	"no data files: give .toml or .json files, folders, or - for standard input": "aucun fichier de données : donnez des fichiers .toml ou .json, des dossiers, ou - pour l'entrée standard",
	`-o - is not supported; use "-" as the data to write to standard output`:     "-o - n'est pas possible ; donnez « - » comme données pour écrire sur la sortie standard",
	"%v (add the key to the data file, or use --allow-missing to print nothing)": "%v (ajoutez la clé au fichier de données, ou utilisez --allow-missing pour ne rien afficher)",
	"data larger than %d MiB":                                                                                                                             "données de plus de %d Mio",
	"unexpected data after the top-level object":                                                                                                          "données en trop après l'objet de premier niveau",
	"the top level must be a JSON object ({...}) whose keys the template uses":                                                                            "le premier niveau doit être un objet JSON ({...}) dont le modèle utilise les clés",
	"data of more than %d values (array items, keys; a TOML key counts %d): a document prints far fewer":                                                  "données de plus de %d valeurs (éléments de tableaux, clés ; une clé TOML compte pour %d) : un document en imprime bien moins",
	"tables, arrays and dotted keys nested more than %d levels deep: flatten the data":                                                                    "tables, tableaux et clés à points imbriqués sur plus de %d niveaux : aplatissez les données",
	"%s: this template is the notification of changes between two versions of an agreement; 'labelkit changes OLD NEW' writes it, not render":             "%s : ce modèle est la notification des modifications entre deux versions d'une convention ; c'est « labelkit changes ANCIEN NOUVEAU » qui l'écrit, pas render",
	"password-protected document: remove the password in Word (File > Info > Protect Document > Encrypt with Password, empty password) and save it again": "document protégé par un mot de passe : retirez le mot de passe dans Word (Fichier > Informations > Protéger le document > Chiffrer avec mot de passe, mot de passe vide) et enregistrez-le à nouveau",
	"a Word 97-2003 .doc file, not a .docx: open it in Word or LibreOffice and save it as .docx (Word Document)":                                          "un fichier .doc de Word 97-2003, pas un .docx : ouvrez-le dans Word ou LibreOffice et enregistrez-le en .docx (Document Word)",
	"not a Word document (.docx): the file is not a zip archive":                                                                                          "ce n'est pas un document Word (.docx) : le fichier n'est pas une archive zip",
	"not a Word document (.docx): a zip archive without a Word document in it":                                                                            "ce n'est pas un document Word (.docx) : une archive zip qui ne contient pas de document Word",
	"a document with macros: save it in Word as a .docx (Word Document) without macros":                                                                   "un document avec macros : enregistrez-le dans Word en .docx (Document Word) sans macros",
	"an entry name that could write outside the document (absolute, .., backslash or control character), refused":                                         "un nom d'élément qui pourrait écrire hors du document (absolu, .., barre oblique inverse ou caractère de contrôle), refusé",
	"two entries of the same name (case aside), refused":                                                                                                  "deux éléments du même nom (à la casse près), refusé",
	"an XML part with a DOCTYPE or ENTITY declaration, refused":                                                                                           "une partie XML avec une déclaration DOCTYPE ou ENTITY, refusée",
	"damaged document: open it in Word and save it again":                                                                                                 "document endommagé : ouvrez-le dans Word et enregistrez-le à nouveau",
	"document too large: over the limit %s = %d":                                                                                                          "document trop grand : au-delà de la limite %s = %d",
	"empty file: expected a JSON object":                                                                                                                  "fichier vide : un objet JSON est attendu",
	"empty file: expected TOML tables and keys":                                                                                                           "fichier vide : des tables et des clés TOML sont attendues",
	"the file is encoded in %s: save it as UTF-8 (in Notepad, for example: File, Save as, Encoding UTF-8)":                                                "le fichier est encodé en %s : enregistrez-le en UTF-8 (par exemple, dans le Bloc-notes : Fichier, Enregistrer sous, Encodage UTF-8)",
	"unexpected end of JSON: %v":                                                                                                                          "fin du JSON inattendue : %v",

	// validate (validate.go).
	`
Usage: labelkit validate [--format toml|json] [-q] INPUT...

Decodes and validates each INPUT (a .toml or .json agreement file, a folder of
them, or "-" for standard input) and lists every problem of every file on
standard error, one per line:

  file:line:column: key.path: message

The line and column are given when the key is found in the file. Nothing
is written. The summary line tells how many inputs are valid and
invalid (-q hides it).

Exit codes: 0 all valid; 1 some inputs have problems; 2 usage error.
`: `
Utilisation : labelkit validate [--format toml|json] [-q] ENTRÉE...

Décode et vérifie chaque ENTRÉE (un fichier de convention .toml ou .json, un
dossier de tels fichiers, ou « - » pour l'entrée standard) et liste tous les
problèmes de tous les fichiers sur la sortie d'erreur, un par ligne :

  fichier:ligne:colonne: clé: message

La ligne et la colonne sont données quand la clé se trouve dans le fichier.
Rien n'est écrit. La ligne de bilan dit combien d'entrées sont valides et
invalides (-q la masque).

Codes de sortie : 0 tout est valide ; 1 des entrées ont des problèmes ;
2 erreur d'utilisation.
`,
	"quiet: no progress bar and no summary (problems are still printed)": "silencieux : ni barre de progression ni bilan (les problèmes restent affichés)",

	// init (init.go).
	`
Usage: labelkit init [--force] [FILE]

Writes a starter agreement input in TOML: every key, with French comments and
placeholder values to replace. Without FILE (or with "-"), writes it to
standard output. An existing FILE is not overwritten without --force.

Fill it in, then check it with 'labelkit validate FILE' and render it with
'labelkit render FILE'.
`: `
Utilisation : labelkit init [--force] [FICHIER]

Écrit un fichier de départ de convention en TOML : toutes les clés, avec des
commentaires en français et des valeurs « À COMPLÉTER » à remplacer. Sans
FICHIER (ou avec « - »), l'écrit sur la sortie standard. Un FICHIER existant
n'est pas remplacé sans --force.

Complétez-le, puis vérifiez-le avec « labelkit validate FICHIER » et
produisez la convention avec « labelkit render FICHIER ».
`,
	"overwrite an existing FILE": "remplace un FICHIER existant",
	"takes at most one FILE":     "attend au plus un FICHIER",
	"labelkit: wrote %s; fill it in, then run 'labelkit validate %s'": "labelkit: %s écrit ; complétez-le, puis lancez « labelkit validate %s »",

	// vars, version, templates, template (vars.go, version.go, templates.go).
	`
Usage: labelkit vars TEMPLATE

Lists the data paths TEMPLATE uses, one per line, sorted: ".company.name",
".items[].designation" (fields of the items of a range are marked with []),
".m.key" or '.m["a key"]' for {{index .m "key"}} with a constant key. Paths
that call a method (computed values such as .SignatureDate.String, not data
to provide) follow, apart, after a "# computed by methods" line: those
called with arguments, and for an embedded template those its data type
defines as methods.
TEMPLATE is an embedded template name (see 'labelkit templates'), a .docx file
or an unpacked template folder.
`: `
Utilisation : labelkit vars MODÈLE

Liste les chemins de données qu'utilise MODÈLE, un par ligne, triés :
« .company.name », « .items[].designation » (les champs des éléments d'un
range sont marqués de []), « .m.key » ou « .m["une clé"] » pour
{{index .m "key"}} avec une clé constante. Les chemins qui appellent une
méthode (des valeurs calculées comme .SignatureDate.String, pas des données à
fournir) suivent, à part, après une ligne « # calculés par des méthodes » :
ceux appelés avec des arguments et, pour un modèle intégré, ceux que son type
de données définit comme méthodes.
MODÈLE est le nom d'un modèle intégré (voir « labelkit templates »), un
fichier .docx ou un dossier de modèle décomposé.
`,
	"\n# computed by methods, not data:\n": "\n# calculés par des méthodes, pas des données :\n",
	"takes one TEMPLATE":                   "attend un MODÈLE",
	`
Usage: labelkit version

Prints labelkit's version (the module version, or "(devel)" for a build
from a work tree), the Go version it was built with, and the version-control
revision when the build recorded it.
`: `
Utilisation : labelkit version

Affiche la version de labelkit (celle du module, ou « (devel) » pour une
construction depuis une copie de travail), la version de Go qui l'a
construit, et la révision du gestionnaire de versions quand la construction
l'a enregistrée.
`,
	"takes no arguments": "n'attend pas d'argument",
	`
Usage: labelkit templates

Lists the embedded templates: name, agreement version and title. The default
template is marked with *. Any of these names can be given to -t.
`: `
Utilisation : labelkit templates

Liste les modèles intégrés : nom, version de la convention et titre. Le modèle
par défaut est marqué d'une *. Chacun de ces noms peut être donné à -t.
`,
	"NAME\tVERSION\tTITLE\n": "NOM\tVERSION\tTITRE\n",
	`
Usage:

  labelkit template export NAME [-o FILE.docx] [--force]
  labelkit template pack DIR [-o FILE.docx] [--force]
  labelkit template unpack FILE.docx [-o DIR] [--force]
  labelkit template list

export writes an embedded template (see 'labelkit templates') as a .docx to
open and edit in Word or LibreOffice (default FILE: NAME.docx in the current
folder; "-" is standard output); render it with 'labelkit render -t FILE'.

Templates are kept in git as unpacked DOCX parts (one folder), so that every
wording change is a readable diff. pack zips such a folder into a .docx to
open in Word or LibreOffice (default FILE: the folder's name + .docx in the
current folder; "-" is standard output); unpack turns an edited .docx back
into a folder (default DIR: the file's name without .docx), laid out for
readable diffs. unpack refuses a folder that is not empty unless --force;
with --force the folder must hold an unpacked package, which is replaced
(parts the .docx no longer has are removed; dot-files such as .git are left
alone). list is 'labelkit templates'.
`: `
Utilisation :

  labelkit template export NOM [-o FICHIER.docx] [--force]
  labelkit template pack DOSSIER [-o FICHIER.docx] [--force]
  labelkit template unpack FICHIER.docx [-o DOSSIER] [--force]
  labelkit template list

export écrit un modèle intégré (voir « labelkit templates ») en .docx à ouvrir
et modifier dans Word ou LibreOffice (FICHIER par défaut : NOM.docx dans le
dossier courant ; « - » est la sortie standard) ; produisez-le ensuite avec
« labelkit render -t FICHIER ».

Les modèles sont gardés dans git décomposés en parties DOCX (un dossier),
pour que chaque changement de texte soit une différence lisible. pack
assemble un tel dossier en un .docx à ouvrir dans Word ou LibreOffice
(FICHIER par défaut : le nom du dossier + .docx dans le dossier courant ;
« - » est la sortie standard) ; unpack redécompose un .docx modifié en dossier
(DOSSIER par défaut : le nom du fichier sans .docx), disposé pour des
différences lisibles. unpack refuse un dossier non vide sauf avec --force ;
avec --force, le dossier doit contenir un paquet décomposé, qui est remplacé
(les parties que le .docx n'a plus sont supprimées ; les fichiers cachés
comme .git sont laissés). list est « labelkit templates ».
`,
	"output `FILE` (pack) or `DIR` (unpack)":                                                     "`FICHIER` (pack) ou `DOSSIER` (unpack) de sortie",
	"overwrite an existing file, or unpack into a folder that is not empty":                      "remplace un fichier existant, ou décompose dans un dossier non vide",
	"missing subcommand: export, pack, unpack or list":                                           "sous-commande manquante : export, pack, unpack ou list",
	"unknown subcommand %q: use export, pack, unpack or list":                                    "sous-commande %q inconnue : utilisez export, pack, unpack ou list",
	"export takes one template name; name the output with -o: labelkit template export %s -o %s": "export attend un seul nom de modèle ; nommez la sortie avec -o : labelkit template export %s -o %s",
	"export takes one embedded template name (see 'labelkit templates')":                         "export attend le nom d'un modèle intégré (voir « labelkit templates »)",
	"%s: no such embedded template (%s)":                                                         "%s: modèle intégré introuvable (%s)",
	`
  labelkit template export centres-sante-v2 -o ma-convention.docx   # edit it in Word
  labelkit render -t ma-convention.docx acme.toml
  labelkit template unpack ma-convention.docx -o ma-convention/     # readable diffs
  labelkit template pack ma-convention/ -o ma-convention.docx
  labelkit vars ma-convention.docx`: `
  labelkit template export centres-sante-v2 -o ma-convention.docx   # à modifier dans Word
  labelkit render -t ma-convention.docx acme.toml
  labelkit template unpack ma-convention.docx -o ma-convention/     # différences lisibles
  labelkit template pack ma-convention/ -o ma-convention.docx
  labelkit vars ma-convention.docx`,
	"list takes no arguments": "list n'attend pas d'argument",
	"pack takes one folder; name the output with -o: labelkit template pack %s -o %s": "pack attend un seul dossier ; nommez la sortie avec -o : labelkit template pack %s -o %s",
	"pack takes one folder": "pack attend un seul dossier",
	"unpack takes one .docx file; name the folder with -o: labelkit template unpack %s -o %s": "unpack attend un seul fichier .docx ; nommez le dossier avec -o : labelkit template unpack %s -o %s",
	"unpack takes one .docx file":                    "unpack attend un seul fichier .docx",
	"%s: not a folder":                               "%s: ce n'est pas un dossier",
	"%s: is a folder, not a .docx file":              "%s: c'est un dossier, pas un fichier .docx",
	"%s is not empty; use --force to unpack into it": "%s n'est pas vide ; utilisez --force pour y décomposer le modèle",
	"embedded template %s: %v":                       "modèle intégré %s : %v",
	"%s: no such template: neither a file or folder nor an embedded template (%s)": "%s: modèle introuvable : ni un fichier ou dossier, ni un modèle intégré (%s)",
	// extract (extract.go).
	`
Usage: labelkit extract [--format toml|json] [-o DIR] [--force] [-q] FORM.docx...

Reads each FORM.docx (the blank form filled in Word or LibreOffice, or an
agreement labelkit rendered: a folder stands for its .docx files) and writes
the input its fields hold: TOML commented like 'labelkit init' (default) or
JSON (--format json), one file per form in DIR (-o), or on standard output
for one form. Then validates it and lists every problem, each located by the
form field's label and its key path:

  form.docx: key.path « Label »: message

A field left with its prompt is not filled in. Text typed outside the fields
and line breaks typed in a one-line field are reported as warnings.

Exit codes: 0 all forms read and valid; 1 some forms could not be read or
hold problems; 2 usage error.
`: `
Utilisation : labelkit extract [--format toml|json] [-o DOSSIER] [--force] [-q] FORMULAIRE.docx...

Lit chaque FORMULAIRE.docx (le formulaire vierge rempli dans Word ou
LibreOffice, ou une convention produite par labelkit ; un dossier vaut pour
ses fichiers .docx) et écrit la saisie que ses champs contiennent : en TOML
commenté comme « labelkit init » (par défaut) ou en JSON (--format json), un
fichier par formulaire dans DOSSIER (-o), ou sur la sortie standard pour un
seul formulaire. Puis la valide et liste tous ses problèmes, chacun situé par
le libellé du champ du formulaire et son chemin de clé :

  formulaire.docx: chemin.de.clé « Libellé »: message

Un champ resté sur son invite n'est pas rempli. Le texte saisi hors des
champs et les sauts de ligne saisis dans un champ d'une ligne sont signalés
comme avertissements.

Codes de sortie : 0 tous les formulaires lus et valides ; 1 des formulaires
illisibles ou avec des problèmes ; 2 erreur d'utilisation.
`,
	"output `DIR`, one .toml (or .json) per form; without it, standard output for one form": "`DOSSIER` de sortie, un .toml (ou .json) par formulaire ; sans lui, la sortie standard pour un seul formulaire",
	"`FORMAT` of the output: toml or json":                                                  "`FORMAT` de sortie : toml ou json",
	"extracting":                                                                            "extraction",
	"warning: ":                                                                             "attention : ",
	"no forms: give .docx files or folders of them":                                         "aucun formulaire : donnez des fichiers .docx ou des dossiers qui en contiennent",
	"extract reads .docx files, not standard input":                                         "extract lit des fichiers .docx, pas l'entrée standard",
	"no .docx form in the given folders":                                                    "aucun formulaire .docx dans les dossiers donnés",
	"%d forms: give -o DIR to write one %s file per form":                                   "%d formulaires : donnez -o DOSSIER pour écrire un fichier %s par formulaire",
	"%d bytes: larger than %d MiB, not a form":                                              "%d octets : plus de %d Mio, ce n'est pas un formulaire",
	"not a Word document (.docx): save the filled form as .docx":                            "ce fichier n'est pas un document Word (.docx) : enregistrez le formulaire rempli au format .docx",
	"not a labelkit form (no field of the agreement): start from the blank form, labelkit render --blank":                "ce document n'est pas un formulaire labelkit (aucun champ de la convention) : partez du formulaire vierge, labelkit render --blank",
	"a form of template version %s; labelkit reads version %s: fill in the current blank form (labelkit render --blank)": "formulaire de la version %s du modèle ; labelkit lit la version %s : reprenez la saisie dans le formulaire vierge actuel (labelkit render --blank)",
	// labelkit changes (changes.go).
	"list the changes between two inputs, or write their notification with tracked changes": "liste les modifications entre deux fichiers, ou écrit leur notification en marques de révision",
	"changes":                 "modifications",
	"notification":            "notification",
	"labelkit: wrote %s (%s)": "labelkit: %s écrit (%s)",
	"write the notification to `FILE` (- for standard output)": "écrit la notification dans `FICHIER` (- pour la sortie standard)",
	"print the change list instead, as `FORMAT`: text or json": "affiche plutôt la liste des modifications, au `FORMAT` text ou json",
	"`DATE` of the notification, YYYY-MM-DD":                   "`DATE` de la notification, AAAA-MM-JJ",
	"overwrite an existing output":                             "écrase une sortie existante",
	"quiet: no summary line":                                   "silencieux : pas de ligne de bilan",
	"takes two inputs, OLD and NEW (got %d)":                   "attend deux fichiers, ANCIEN et NOUVEAU (%d donnés)",
	"--format %q: want text or json":                           "--format %q : text ou json attendu",
	"--format prints the change list: -o, --date, --force, --pdf and --pdf-only are for the notification": "--format affiche la liste des modifications : -o, --date, --force, --pdf et --pdf-only sont pour la notification",
	"--date: %v": "--date : %v",
	"OLD and NEW are files: standard input is not supported": "ANCIEN et NOUVEAU sont des fichiers : l'entrée standard n'est pas prise en charge",
	`
Usage: labelkit changes [-o FILE.docx] [--date YYYY-MM-DD] [--pdf|--pdf-only] [--force] [-q] OLD NEW
       labelkit changes --format text|json OLD NEW

Compares two agreement inputs (.toml or .json files): OLD, the labelled
solution as described so far, and NEW, as it is now.

Without --format, writes the notification of the changes (article 4.3.1 of
the agreement) as a DOCX document: the parties, the list of changes (those
of the parties themselves under a heading of their own: article 11), the
article 3.1 table with the changes as Word tracked changes (accept them
all: the new table; reject them all: the old one), the documents of
Annexe 4 added or removed, and the signature block. The default output is
NEW's name with "-notification.docx"; "-o -" writes to standard output.
--date dates the notification and its tracked changes (without it, a line
is left to write the date on: the clock is never read). --pdf also writes
its PDF/A beside it, through LibreOffice (the tracked changes shown as
Word prints them); --pdf-only writes the PDF alone.

With --format, prints the list of changes on standard output: "text", one
change per line,

  ~ key.path: label : « old » → « new »     (changed)
  + key.path: label : « new »               (added)
  - key.path: label : « old »               (removed)

or "json", an array of {path, label, section, kind, old, new}.

Exit codes: without --format, 0 written, 2 trouble (invalid input, output
exists without --force, no PDF written); with --format, as diff: 0 no
change, 1 changes, 2 trouble.
`: `
Usage : labelkit changes [-o FICHIER.docx] [--date AAAA-MM-JJ] [--pdf|--pdf-only] [--force] [-q] ANCIEN NOUVEAU
        labelkit changes --format text|json ANCIEN NOUVEAU

Compare deux fichiers de convention (.toml ou .json) : ANCIEN, la solution
labellisée telle que décrite jusqu'ici, et NOUVEAU, telle qu'elle est
aujourd'hui.

Sans --format, écrit la notification des modifications (article 4.3.1 de la
convention) en document DOCX : les parties, la liste des modifications
(celles des parties elles-mêmes sous un titre à part : article 11), le
tableau de l'article 3.1 avec les modifications en marques de révision Word
(toutes acceptées : le nouveau tableau ; toutes refusées : l'ancien), les
documents de l'annexe 4 ajoutés ou retirés, et le bloc de signature. La
sortie par défaut est le nom de NOUVEAU suivi de « -notification.docx » ;
« -o - » écrit sur la sortie standard. --date date la notification et ses
marques de révision (sans elle, une ligne reste à remplir : l'horloge n'est
jamais lue). --pdf écrit aussi son PDF/A à côté, avec LibreOffice (les
marques de révision telles que Word les imprime) ; --pdf-only écrit le PDF
seul.

Avec --format, affiche la liste des modifications sur la sortie standard :
« text », une modification par ligne,

  ~ clé.chemin: libellé : « ancien » → « nouveau »   (modifiée)
  + clé.chemin: libellé : « nouveau »               (ajoutée)
  - clé.chemin: libellé : « ancien »                (retirée)

ou « json », un tableau de {path, label, section, kind, old, new}.

Codes de sortie : sans --format, 0 écrit, 2 problème (fichier invalide,
sortie existante sans --force, PDF non écrit) ; avec --format, comme diff :
0 aucune modification, 1 modifications, 2 problème.
`,
	`
  labelkit changes v1.toml v2.toml                  # writes v2-notification.docx
  labelkit changes -o notification.docx --date 2026-12-15 v1.toml v2.toml
  labelkit changes --pdf v1.toml v2.toml            # also v2-notification.pdf
  labelkit changes --format text v1.toml v2.toml
  labelkit changes --format json v1.toml v2.toml > changes.json`: `
  labelkit changes v1.toml v2.toml                  # écrit v2-notification.docx
  labelkit changes -o notification.docx --date 2026-12-15 v1.toml v2.toml
  labelkit changes --pdf v1.toml v2.toml            # aussi v2-notification.pdf
  labelkit changes --format text v1.toml v2.toml
  labelkit changes --format json v1.toml v2.toml > changes.json`,
	"%s is not empty and holds no [Content_Types].xml: refusing to unpack over it": "%s n'est pas vide et ne contient pas de [Content_Types].xml : refus de décomposer le modèle par-dessus",
}

// plurals are the French messages whose words change with a count, their
// first argument: « 1 rendu », « 2 rendus » (French puts 0 with 1).
var plurals = map[string]catalog.Message{
	"%d rendered":                   countFR("%d rendu", "%d rendus"),
	"%d filled":                     countFR("%d rempli", "%d remplis"),
	"%d valid":                      countFR("%d valide", "%d valides"),
	"%d invalid":                    countFR("%d invalide", "%d invalides"),
	"%d failed":                     countFR("%d en échec", "%d en échec"),
	"%d skipped (invalid)":          countFR("%d ignoré (invalide)", "%d ignorés (invalides)"),
	"%d skipped (unreadable data)":  countFR("%d ignoré (données illisibles)", "%d ignorés (données illisibles)"),
	"%d not done (interrupted)":     countFR("%d non fait (interruption)", "%d non faits (interruption)"),
	"%d already there (left alone)": countFR("%d déjà présent (laissé tel quel)", "%d déjà présents (laissés tels quels)"),
	"%d with errors":                countFR("%d en erreur", "%d en erreur"),
	"%d change(s)":                  countFR("%d modification", "%d modifications"),
}

// countFR is a French message for a count: one (0 and 1) or other.
func countFR(one, other string) catalog.Message {
	return plural.Selectf(1, "%d", "one", one, "other", other)
}
