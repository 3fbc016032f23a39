package render

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/esante/labelkit/internal/clienttest"
)

// Parts as Word (Microsoft 365, 2026) writes them, for a document that holds
// text in every place Word shows what the user typed: footnotes, endnotes,
// comments, a text box (DrawingML with its VML fallback), a chart, a
// SmartArt graphic (its data and the drawing Word caches), and the extended
// properties. Runs are split where Word splits them (proofing marks, a
// formatting change in the middle of an action, rsids).
const (
	wNSFull = wNS + ` xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" mc:Ignorable="w14"`
	nsAttrA = `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"`

	footnotesXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes ` + wNSFull + `><w:footnote w:type="separator" w:id="-1"><w:p w:rsidR="00B52A1C" w:rsidRDefault="00B52A1C"><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p w:rsidR="00B52A1C" w:rsidRDefault="00B52A1C"><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>%s</w:footnotes>`
	endnotesXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:endnotes ` + wNSFull + `><w:endnote w:type="separator" w:id="-1"><w:p w:rsidR="00B52A1C" w:rsidRDefault="00B52A1C"><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:endnote><w:endnote w:type="continuationSeparator" w:id="0"><w:p w:rsidR="00B52A1C" w:rsidRDefault="00B52A1C"><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:endnote>%s</w:endnotes>`
	commentsXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments ` + wNSFull + `>%s</w:comments>`

	appXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Template>Normal.dotm</Template><TotalTime>12</TotalTime><Pages>1</Pages><Words>42</Words><Characters>236</Characters><Application>Microsoft Office Word</Application><DocSecurity>0</DocSecurity><Lines>1</Lines><Paragraphs>1</Paragraphs><ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Titre</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>Convention {{.ref}}</vt:lpstr></vt:vector></TitlesOfParts><Manager>{{.manager}}</Manager><Company>{{.company}}</Company><LinksUpToDate>false</LinksUpToDate><CharactersWithSpaces>277</CharactersWithSpaces><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>`

	// A clustered column chart: its title split in two runs, the series
	// name and a category label from data, an axis title.
	chartXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" ` + nsAttrA + ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><c:date1904 val="0"/><c:lang val="fr-FR"/><c:roundedCorners val="0"/><c:chart><c:title><c:tx><c:rich><a:bodyPr rot="0" spcFirstLastPara="1" vertOverflow="ellipsis" vert="horz" wrap="square" anchor="ctr" anchorCtr="1"/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1400" b="0" i="0" u="none" strike="noStrike" kern="1200" baseline="0"/></a:pPr><a:r><a:rPr lang="fr-FR"/><a:t>Activité {{.</a:t></a:r><a:r><a:rPr lang="fr-FR" b="1"/><a:t>year}}</a:t></a:r><a:r><a:rPr lang="fr-FR"/><a:t xml:space="preserve"> du centre</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:strRef><c:f>Feuil1!$B$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>{{.series}}</c:v></c:pt></c:strCache></c:strRef></c:tx><c:invertIfNegative val="0"/><c:cat><c:strRef><c:f>Feuil1!$A$2:$A$3</c:f><c:strCache><c:ptCount val="2"/><c:pt idx="0"><c:v>{{.cat}}</c:v></c:pt><c:pt idx="1"><c:v>Téléconsultations</c:v></c:pt></c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>Feuil1!$B$2:$B$3</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="2"/><c:pt idx="0"><c:v>12</c:v></c:pt><c:pt idx="1"><c:v>3</c:v></c:pt></c:numCache></c:numRef></c:val></c:ser><c:gapWidth val="219"/><c:overlap val="-27"/><c:axId val="519612672"/><c:axId val="519613000"/></c:barChart><c:catAx><c:axId val="519612672"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr/></a:pPr><a:r><a:rPr lang="fr-FR"/><a:t>Axe {{.axis}}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="519613000"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx><c:valAx><c:axId val="519613000"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="519612672"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx></c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`

	// SmartArt (a basic block list of one shape): the data model, and the
	// drawing Word caches for readers that do not lay diagrams out. Both
	// hold the same text, as Word writes them.
	diagramDataXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" ` + nsAttrA + `><dgm:ptLst><dgm:pt modelId="{5C1E2C3D-1A2B-4C5D-8E9F-000000000001}" type="doc"><dgm:prSet loTypeId="urn:microsoft.com/office/officeart/2005/8/layout/default" loCatId="list" qsTypeId="urn:microsoft.com/office/officeart/2005/8/quickstyle/simple1" qsCatId="simple" csTypeId="urn:microsoft.com/office/officeart/2005/8/colors/accent1_2" csCatId="accent1" phldr="1"/><dgm:spPr/><dgm:t><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="fr-FR"/></a:p></dgm:t></dgm:pt><dgm:pt modelId="{5C1E2C3D-1A2B-4C5D-8E9F-000000000002}"><dgm:prSet phldrT="[Texte]"/><dgm:spPr/><dgm:t><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="fr-FR" dirty="0"/><a:t>Étape {{.</a:t></a:r><a:r><a:rPr lang="fr-FR" dirty="0" err="1"/><a:t>step</a:t></a:r><a:r><a:rPr lang="fr-FR" dirty="0"/><a:t>}}</a:t></a:r></a:p></dgm:t></dgm:pt><dgm:pt modelId="{5C1E2C3D-1A2B-4C5D-8E9F-000000000003}" type="parTrans" cxnId="{5C1E2C3D-1A2B-4C5D-8E9F-000000000004}"><dgm:prSet/><dgm:spPr/><dgm:t><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="fr-FR"/></a:p></dgm:t></dgm:pt><dgm:pt modelId="{5C1E2C3D-1A2B-4C5D-8E9F-000000000005}" type="sibTrans" cxnId="{5C1E2C3D-1A2B-4C5D-8E9F-000000000004}"><dgm:prSet/><dgm:spPr/><dgm:t><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="fr-FR"/></a:p></dgm:t></dgm:pt><dgm:pt modelId="{5C1E2C3D-1A2B-4C5D-8E9F-000000000006}" type="pres"><dgm:prSet presAssocID="{5C1E2C3D-1A2B-4C5D-8E9F-000000000001}" presName="diagram" presStyleCnt="0"><dgm:presLayoutVars><dgm:dir/><dgm:resizeHandles val="exact"/></dgm:presLayoutVars></dgm:prSet><dgm:spPr/></dgm:pt><dgm:pt modelId="{5C1E2C3D-1A2B-4C5D-8E9F-000000000007}" type="pres"><dgm:prSet presAssocID="{5C1E2C3D-1A2B-4C5D-8E9F-000000000002}" presName="node" presStyleLbl="node1" presStyleIdx="0" presStyleCnt="1"><dgm:presLayoutVars><dgm:bulletEnabled val="1"/></dgm:presLayoutVars></dgm:prSet><dgm:spPr/></dgm:pt></dgm:ptLst><dgm:cxnLst><dgm:cxn modelId="{5C1E2C3D-1A2B-4C5D-8E9F-000000000004}" srcId="{5C1E2C3D-1A2B-4C5D-8E9F-000000000001}" destId="{5C1E2C3D-1A2B-4C5D-8E9F-000000000002}" srcOrd="0" destOrd="0" parTransId="{5C1E2C3D-1A2B-4C5D-8E9F-000000000003}" sibTransId="{5C1E2C3D-1A2B-4C5D-8E9F-000000000005}"/><dgm:cxn modelId="{5C1E2C3D-1A2B-4C5D-8E9F-000000000008}" type="presOf" srcId="{5C1E2C3D-1A2B-4C5D-8E9F-000000000002}" destId="{5C1E2C3D-1A2B-4C5D-8E9F-000000000007}" srcOrd="0" destOrd="0" presId="urn:microsoft.com/office/officeart/2005/8/layout/default"/><dgm:cxn modelId="{5C1E2C3D-1A2B-4C5D-8E9F-000000000009}" type="presParOf" srcId="{5C1E2C3D-1A2B-4C5D-8E9F-000000000006}" destId="{5C1E2C3D-1A2B-4C5D-8E9F-000000000007}" srcOrd="0" destOrd="0" presId="urn:microsoft.com/office/officeart/2005/8/layout/default"/></dgm:cxnLst><dgm:bg/><dgm:whole/><dgm:extLst><a:ext uri="http://schemas.microsoft.com/office/drawing/2008/diagram"><dsp:dataModelExt xmlns:dsp="http://schemas.microsoft.com/office/drawing/2008/diagram" relId="rIdDgmDraw" minVer="http://schemas.openxmlformats.org/drawingml/2006/diagram"/></a:ext></dgm:extLst></dgm:dataModel>`
	diagramDrawingXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<dsp:drawing xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" xmlns:dsp="http://schemas.microsoft.com/office/drawing/2008/diagram" ` + nsAttrA + `><dsp:spTree><dsp:nvGrpSpPr><dsp:cNvPr id="0" name=""/><dsp:cNvGrpSpPr/></dsp:nvGrpSpPr><dsp:grpSpPr/><dsp:sp modelId="{5C1E2C3D-1A2B-4C5D-8E9F-000000000007}"><dsp:nvSpPr><dsp:cNvPr id="0" name=""/><dsp:cNvSpPr/></dsp:nvSpPr><dsp:spPr><a:xfrm><a:off x="457200" y="0"/><a:ext cx="2400000" cy="1440000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="4472C4"/></a:solidFill><a:ln w="12700"><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></a:ln></dsp:spPr><dsp:txBody><a:bodyPr spcFirstLastPara="0" vert="horz" wrap="square" lIns="91440" tIns="91440" rIns="91440" bIns="91440" numCol="1" spcCol="1270" anchor="ctr" anchorCtr="0"><a:noAutofit/></a:bodyPr><a:lstStyle/><a:p><a:pPr marL="0" lvl="0" indent="0" algn="ctr" defTabSz="1066800"><a:lnSpc><a:spcPct val="90000"/></a:lnSpc><a:spcBef><a:spcPct val="0"/></a:spcBef><a:spcAft><a:spcPct val="35000"/></a:spcAft><a:buNone/></a:pPr><a:r><a:rPr lang="fr-FR" sz="2400" kern="1200" dirty="0"/><a:t>Étape {{.</a:t></a:r><a:r><a:rPr lang="fr-FR" sz="2400" kern="1200" dirty="0" err="1"/><a:t>step</a:t></a:r><a:r><a:rPr lang="fr-FR" sz="2400" kern="1200" dirty="0"/><a:t>}}</a:t></a:r></a:p></dsp:txBody><dsp:txXfrm><a:off x="457200" y="0"/><a:ext cx="2400000" cy="1440000"/></dsp:txXfrm></dsp:sp></dsp:spTree></dsp:drawing>`
	diagramLayoutXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<dgm:layoutDef xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" ` + nsAttrA + ` uniqueId="urn:microsoft.com/office/officeart/2005/8/layout/default"><dgm:title val=""/><dgm:desc val=""/><dgm:catLst><dgm:cat type="list" pri="400"/></dgm:catLst><dgm:layoutNode name="diagram"><dgm:varLst><dgm:dir/><dgm:resizeHandles val="exact"/></dgm:varLst><dgm:alg type="snake"/><dgm:shape/><dgm:forEach name="Name0" axis="ch" ptType="node"><dgm:layoutNode name="node"><dgm:alg type="tx"/><dgm:shape type="rect"/></dgm:layoutNode></dgm:forEach></dgm:layoutNode></dgm:layoutDef>`
	diagramStyleXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<dgm:styleDef xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" ` + nsAttrA + ` uniqueId="urn:microsoft.com/office/officeart/2005/8/quickstyle/simple1"><dgm:title val=""/><dgm:desc val=""/><dgm:catLst><dgm:cat type="simple" pri="10100"/></dgm:catLst><dgm:scene3d><a:camera prst="orthographicFront"/><a:lightRig rig="threePt" dir="t"/></dgm:scene3d><dgm:styleLbl name="node1"><dgm:scene3d><a:camera prst="orthographicFront"/><a:lightRig rig="threePt" dir="t"/></dgm:scene3d><dgm:sp3d/><dgm:txPr/><dgm:style><a:lnRef idx="2"><a:scrgbClr r="0" g="0" b="0"/></a:lnRef><a:fillRef idx="1"><a:scrgbClr r="0" g="0" b="0"/></a:fillRef><a:effectRef idx="0"><a:scrgbClr r="0" g="0" b="0"/></a:effectRef><a:fontRef idx="minor"><a:schemeClr val="lt1"/></a:fontRef></dgm:style></dgm:styleLbl></dgm:styleDef>`
	diagramColorsXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<dgm:colorsDef xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" ` + nsAttrA + ` uniqueId="urn:microsoft.com/office/officeart/2005/8/colors/accent1_2"><dgm:title val=""/><dgm:desc val=""/><dgm:catLst><dgm:cat type="accent1" pri="11200"/></dgm:catLst><dgm:styleLbl name="node1"><dgm:fillClrLst meth="repeat"><a:schemeClr val="accent1"/></dgm:fillClrLst><dgm:linClrLst meth="repeat"><a:schemeClr val="lt1"/></dgm:linClrLst><dgm:effectClrLst/><dgm:txLinClrLst/><dgm:txFillClrLst meth="repeat"><a:schemeClr val="lt1"/></dgm:txFillClrLst><dgm:txEffectClrLst/></dgm:styleLbl></dgm:colorsDef>`

	// A text box as Word 2010 and later write it: a DrawingML shape, and
	// the same text in a VML fallback.
	textBoxXML = `<w:p w:rsidR="00B52A1C" w:rsidRDefault="00B52A1C"><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="45720" distB="45720" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="2360930" cy="457200"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/><wp:docPr id="217" name="Zone de texte 2"/><wp:cNvGraphicFramePr><a:graphicFrameLocks ` + nsAttrA + `/></wp:cNvGraphicFramePr><a:graphic ` + nsAttrA + `><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"><a:spLocks noChangeArrowheads="1"/></wps:cNvSpPr><wps:spPr bwMode="auto"><a:xfrm><a:off x="0" y="0"/><a:ext cx="2360930" cy="457200"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill><a:miter lim="800000"/><a:headEnd/><a:tailEnd/></a:ln></wps:spPr><wps:txbx><w:txbxContent><w:p w:rsidR="00B52A1C" w:rsidRDefault="00B52A1C"><w:r><w:t xml:space="preserve">Encadré : {{.</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>company</w:t></w:r><w:proofErr w:type="spellEnd"/><w:r><w:t>}}</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype><v:shape id="Zone de texte 2" o:spid="_x0000_s1026" type="#_x0000_t202" style="position:absolute;margin-left:0;margin-top:0;width:185.75pt;height:36pt;z-index:251659264"><v:textbox><w:txbxContent><w:p w:rsidR="00B52A1C" w:rsidRDefault="00B52A1C"><w:r><w:t xml:space="preserve">Encadré : {{.</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>company</w:t></w:r><w:proofErr w:type="spellEnd"/><w:r><w:t>}}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`
)

// chartRun and smartArtRun place the chart and the SmartArt graphic in a
// run, inline, as Word does.
const (
	chartRun    = `<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="3600000" cy="2000000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="301" name="Graphique 1"/><wp:cNvGraphicFramePr/><a:graphic ` + nsAttrA + `><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rIdChart"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`
	smartArtRun = `<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="3314700" cy="1440000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="302" name="Diagramme 2"/><wp:cNvGraphicFramePr/><a:graphic ` + nsAttrA + `><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram"><dgm:relIds xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" r:dm="rIdDgmData" r:lo="rIdDgmLayout" r:qs="rIdDgmStyle" r:cs="rIdDgmColors"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`
)

// footnoteRef is a footnote reference run in the body, as Word writes it.
func footnoteRef(id string) string {
	return `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="` + id + `"/></w:r>`
}

func endnoteRef(id string) string {
	return `<w:r><w:rPr><w:rStyle w:val="EndnoteReference"/></w:rPr><w:endnoteReference w:id="` + id + `"/></w:r>`
}

// footnote is a footnote with its reference mark, then text in runs.
func footnote(id string, runs ...string) string {
	return `<w:footnote w:id="` + id + `">` + noteParagraph("FootnoteText", "FootnoteReference", "footnoteRef", runs) + `</w:footnote>`
}

func endnote(id string, runs ...string) string {
	return `<w:endnote w:id="` + id + `">` + noteParagraph("EndnoteText", "EndnoteReference", "endnoteRef", runs) + `</w:endnote>`
}

// comment is a comment with its paragraph id (Word 2010 and later).
func comment(id string, runs ...string) string {
	return `<w:comment w:id="` + id + `" w:author="Marie Dupont" w:date="2026-11-30T10:12:00Z" w:initials="MD">` +
		strings.Replace(noteParagraph("CommentText", "CommentReference", "annotationRef", runs), `<w:p `, `<w:p w14:paraId="4C1D00`+fmt.Sprintf("%02X", len(id)+int(id[0]))+`" w14:textId="77777777" `, 1) + `</w:comment>`
}

func noteParagraph(pStyle, rStyle, ref string, runs []string) string {
	var b strings.Builder
	b.WriteString(`<w:p w:rsidR="00B52A1C" w:rsidRDefault="00B52A1C"><w:pPr><w:pStyle w:val="` + pStyle + `"/></w:pPr><w:r><w:rPr><w:rStyle w:val="` + rStyle + `"/></w:rPr><w:` + ref + `/></w:r>`)
	for i, r := range runs {
		if i > 0 {
			b.WriteString(`<w:proofErr w:type="spellStart"/>`)
		}
		b.WriteString(`<w:r><w:t xml:space="preserve">` + r + `</w:t></w:r>`)
		if i > 0 {
			b.WriteString(`<w:proofErr w:type="spellEnd"/>`)
		}
	}
	b.WriteString(`</w:p>`)
	return b.String()
}

// commented wraps runs in a comment's range and reference, as Word does.
func commented(id, runs string) string {
	return `<w:commentRangeStart w:id="` + id + `"/>` + runs + `<w:commentRangeEnd w:id="` + id + `"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="` + id + `"/></w:r>`
}

// notesStyles are the styles of notes and comments, as Word defines them.
const notesStyles = `<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="16"/></w:rPr></w:style><w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="EndnoteText"><w:name w:val="endnote text"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="16"/></w:rPr></w:style><w:style w:type="character" w:styleId="EndnoteReference"><w:name w:val="endnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="CommentText"><w:name w:val="annotation text"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="20"/></w:rPr></w:style><w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/><w:rPr><w:sz w:val="16"/></w:rPr></w:style>`

// notesParts is spec{body: body}.parts() with notes, comments, the extended
// properties and, when drawings is set, the text box, chart and SmartArt
// graphic (body may place chartRun and smartArtRun; the text box comes
// first).
func notesParts(body, footnotes, endnotes, comments string, drawings bool) map[string]string {
	parts := spec{body: body}.parts()
	doc := parts["word/document.xml"]
	doc = strings.Replace(doc, `<w:document `+wNS+`>`, `<w:document `+wNSFull+`>`, 1)
	if drawings {
		doc = strings.Replace(doc, `<w:body>`, `<w:body>`+textBoxXML, 1)
	}
	parts["word/document.xml"] = doc
	parts["word/footnotes.xml"] = sprintf(footnotesXML, footnotes)
	parts["word/endnotes.xml"] = sprintf(endnotesXML, endnotes)
	parts["word/comments.xml"] = sprintf(commentsXML, comments)
	parts["word/styles.xml"] = strings.Replace(stylesXML, `</w:styles>`, notesStyles+`</w:styles>`, 1)
	ct := `<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/><Override PartName="/word/endnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"/><Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>`
	rels := `<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/><Relationship Id="rIdEn" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/><Relationship Id="rIdCm" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>`
	if drawings {
		parts["docProps/app.xml"] = appXML
		parts["_rels/.rels"] = strings.Replace(parts["_rels/.rels"], `</Relationships>`, `<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`, 1)
		parts["word/charts/chart1.xml"] = chartXML
		parts["word/diagrams/data1.xml"] = diagramDataXML
		parts["word/diagrams/drawing1.xml"] = diagramDrawingXML
		parts["word/diagrams/layout1.xml"] = diagramLayoutXML
		parts["word/diagrams/quickStyle1.xml"] = diagramStyleXML
		parts["word/diagrams/colors1.xml"] = diagramColorsXML
		ct += `<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/><Override PartName="/word/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/><Override PartName="/word/diagrams/data1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml"/><Override PartName="/word/diagrams/drawing1.xml" ContentType="application/vnd.ms-office.drawingml.diagramDrawing+xml"/><Override PartName="/word/diagrams/layout1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.diagramLayout+xml"/><Override PartName="/word/diagrams/quickStyle1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.diagramStyle+xml"/><Override PartName="/word/diagrams/colors1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.diagramColors+xml"/>`
		rels += `<Relationship Id="rIdChart" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/chart1.xml"/><Relationship Id="rIdDgmData" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/diagramData" Target="diagrams/data1.xml"/><Relationship Id="rIdDgmLayout" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/diagramLayout" Target="diagrams/layout1.xml"/><Relationship Id="rIdDgmStyle" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/diagramQuickStyle" Target="diagrams/quickStyle1.xml"/><Relationship Id="rIdDgmColors" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/diagramColors" Target="diagrams/colors1.xml"/><Relationship Id="rIdDgmDraw" Type="http://schemas.microsoft.com/office/2007/relationships/diagramDrawing" Target="diagrams/drawing1.xml"/>`
	}
	parts["[Content_Types].xml"] = strings.Replace(parts["[Content_Types].xml"], `</Types>`, ct+`</Types>`, 1)
	parts["word/_rels/document.xml.rels"] = strings.Replace(parts["word/_rels/document.xml.rels"], `</Relationships>`, rels+`</Relationships>`, 1)
	return parts
}

// everyPart is a document with text in every part Word shows.
func everyPart() map[string]string {
	body := `<w:p w:rsidR="00B52A1C" w:rsidRDefault="00B52A1C"><w:r><w:t xml:space="preserve">Convention {{.</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ref}}</w:t></w:r>` + footnoteRef("1") + `<w:r><w:t xml:space="preserve"> signée</w:t></w:r>` + endnoteRef("1") + `<w:r><w:t>.</w:t></w:r></w:p>` +
		`<w:p>` + commented("0", `<w:r><w:t xml:space="preserve">Objet : {{.company}}</w:t></w:r>`) + `</w:p>` +
		`<w:p>` + chartRun + `</w:p><w:p>` + smartArtRun + `</w:p>`
	return notesParts(body,
		footnote("1", " Référence {{.", "ref}} du registre."),
		endnote("1", " Signée par {{.", "manager}}."),
		comment("0", " Vérifier {{.", "company}} avec le service juridique."), true)
}

var everyPartData = map[string]any{"ref": "CONV-2026/12", "company": "Lefèvre & Fils <SARL>", "manager": "Mme Durand",
	"year": 2026, "series": "Actes", "cat": "Consultations", "axis": "Nature", "step": "Signature"}

// TestEveryPartTemplated: every part where Word shows typed text is
// templated, actions split across runs included; SmartArt's data and its
// cached drawing say the same.
func TestEveryPartTemplated(t *testing.T) {
	d := mustExec(t, parseParts(t, everyPart()), everyPartData)
	for _, tc := range []struct{ part, want string }{
		{"word/document.xml", "Convention CONV-2026/12"},
		{"word/document.xml", "Encadré : Lefèvre &amp; Fils &lt;SARL&gt;"},
		{"word/footnotes.xml", "CONV-2026/12"},
		{"word/endnotes.xml", "Mme Durand"},
		{"word/comments.xml", "Lefèvre &amp; Fils &lt;SARL&gt;"},
		{"docProps/app.xml", "<vt:lpstr>Convention CONV-2026/12</vt:lpstr>"},
		{"docProps/app.xml", "<Manager>Mme Durand</Manager><Company>Lefèvre &amp; Fils &lt;SARL&gt;</Company>"},
		{"word/charts/chart1.xml", "<a:t>Activité 2026</a:t>"},
		{"word/charts/chart1.xml", "<c:v>Actes</c:v>"},
		{"word/charts/chart1.xml", "<c:v>Consultations</c:v>"},
		{"word/charts/chart1.xml", "<a:t>Axe Nature</a:t>"},
		{"word/diagrams/data1.xml", "<a:t>Étape Signature</a:t>"},
		{"word/diagrams/drawing1.xml", "<a:t>Étape Signature</a:t>"},
	} {
		if got := string(d.parts[tc.part]); !strings.Contains(got, tc.want) {
			t.Errorf("%s lacks %q:\n%s", tc.part, tc.want, got)
		}
	}
	for name, data := range d.parts {
		if bytes.Contains(data, []byte("{{")) || bytes.Contains(data, []byte("}}")) {
			t.Errorf("%s keeps an action:\n%s", name, data)
		}
	}
	if n := strings.Count(string(d.parts["word/document.xml"]), "Encadré : Lefèvre"); n != 2 {
		t.Errorf("the text box and its VML fallback: %d rendered, want 2", n)
	}
}

// TestDrawingBlocks: in a chart or SmartArt, a block stays inside one
// paragraph or label; one that crosses is an error naming both.
func TestDrawingBlocks(t *testing.T) {
	parts := everyPart()
	parts["word/charts/chart1.xml"] = strings.Replace(chartXML, `<c:v>{{.cat}}</c:v>`, `<c:v>{{if .cat}}{{.cat}}{{else}}Autre{{end}}</c:v>`, 1)
	data := map[string]any{}
	for k, v := range everyPartData {
		data[k] = v
	}
	data["cat"] = ""
	d := mustExec(t, parseParts(t, parts), data)
	if !strings.Contains(string(d.parts["word/charts/chart1.xml"]), "<c:v>Autre</c:v>") {
		t.Errorf("block inside a label:\n%s", d.parts["word/charts/chart1.xml"])
	}
	parts["word/charts/chart1.xml"] = strings.Replace(chartXML, `<c:v>{{.cat}}</c:v>`, `<c:v>{{range .cats}}{{.}}</c:v></c:pt><c:pt idx="1"><c:v>{{end}}</c:v>`, 1)
	b := zipParts(t, parts)
	_, err := Parse(bytes.NewReader(b), int64(len(b)))
	want := `word/charts/chart1.xml: paragraph 3 « {{range .cats}}{{.}} »: {{range}} and its {{end}} are in two texts (paragraph 4 « {{end}} »): in word/charts/chart1.xml a block must open and close in the same paragraph or label`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// repeatedNotes is a loop whose body references a footnote, an endnote and
// a comment, as Word writes them.
func repeatedNotes() map[string]string {
	body := p("Début") + p("{{range .items}}") +
		`<w:p w:rsidR="00B52A1C" w:rsidRDefault="00B52A1C"><w:r><w:t xml:space="preserve">Article {{.}}</w:t></w:r>` + footnoteRef("1") + `<w:r><w:t xml:space="preserve"> et renvoi</w:t></w:r>` + endnoteRef("1") + `</w:p>` +
		`<w:p>` + commented("0", tr("Clause {{.}}")) + `</w:p>` + p("{{end}}") +
		`<w:p><w:r><w:t xml:space="preserve">Hors boucle</w:t></w:r>` + footnoteRef("2") + `</w:p>`
	return notesParts(body,
		footnote("1", " Source : {{.", "ref}}.")+footnote("2", " Note hors boucle."),
		endnote("1", " Voir l’annexe."),
		comment("0", " À relire."), false)
}

var noteIDRE = regexp.MustCompile(`<w:(footnote|endnote|comment|footnoteReference|endnoteReference|commentRangeStart|commentRangeEnd|commentReference)\b[^>]*\sw:id="(-?\d+)"`)

// ids lists, per element name, the w:id values of a part in order.
func noteIDs(part []byte) map[string][]string {
	out := map[string][]string{}
	for _, m := range noteIDRE.FindAllSubmatch(part, -1) {
		out[string(m[1])] = append(out[string(m[1])], string(m[2]))
	}
	return out
}

// TestRepeatedNotes: a note or comment referenced in a {{range}} body is
// repeated with its reference, each with an id of its own, numbered in
// document order with the references outside the loop; a comment's range
// and reference agree.
func TestRepeatedNotes(t *testing.T) {
	d := mustExec(t, parseParts(t, repeatedNotes()), map[string]any{"items": []string{"un", "deux", "trois"}, "ref": "R-1"})
	doc := noteIDs(d.parts["word/document.xml"])
	for name, want := range map[string]string{
		"footnoteReference": "1 2 3 4", "endnoteReference": "1 2 3",
		"commentRangeStart": "0 1 2", "commentRangeEnd": "0 1 2", "commentReference": "0 1 2",
	} {
		if got := strings.Join(doc[name], " "); got != want {
			t.Errorf("document %s ids %q, want %q", name, got, want)
		}
	}
	for part, want := range map[string]string{"word/footnotes.xml": "-1 0 1 2 3 4", "word/endnotes.xml": "-1 0 1 2 3", "word/comments.xml": "0 1 2"} {
		ids := noteIDs(d.parts[part])
		var got []string
		for _, k := range []string{"footnote", "endnote", "comment"} {
			got = append(got, ids[k]...)
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%s ids %q, want %q", part, got, want)
		}
	}
	if n := strings.Count(strings.Join(d.lines("word/footnotes.xml"), "\n"), "Source : R-1."); n != 3 {
		t.Errorf("footnote text %d times, want 3 (rendered, then copied)", n)
	}
	if n := strings.Count(string(d.parts["word/comments.xml"]), "w14:paraId"); n != 1 {
		t.Errorf("comments keep %d paragraph ids, want 1 (copies have none)", n)
	}
	if got := d.lines("word/footnotes.xml"); !reflect.DeepEqual(got[2:], []string{" Source : R-1.", " Source : R-1.", " Source : R-1.", " Note hors boucle."}) {
		t.Errorf("footnotes in order: %q", got)
	}
	// No repetition: the references and notes of the loop go.
	d = mustExec(t, parseParts(t, repeatedNotes()), map[string]any{"items": []string{}, "ref": "R-1"})
	if got := noteIDs(d.parts["word/document.xml"])["footnoteReference"]; strings.Join(got, " ") != "1" {
		t.Errorf("empty loop: references %q", got)
	}
	if got := d.lines("word/footnotes.xml"); !reflect.DeepEqual(got, []string{"", "", " Note hors boucle."}) {
		t.Errorf("empty loop: footnotes %q", got)
	}
	if got := noteIDs(d.parts["word/comments.xml"])["comment"]; len(got) != 0 {
		t.Errorf("empty loop: comments %q", got)
	}
}

// TestRepeatedNotesRealClients: the validator finds the repeated notes
// valid, and LibreOffice prints one footnote per repetition.
func TestRepeatedNotesRealClients(t *testing.T) {
	if testing.Short() && clienttest.Mode() != "require" {
		t.Skip("real clients are slow; skipped with -short")
	}
	clienttest.Need(t, "soffice", "pdftotext", "node")
	var buf bytes.Buffer
	if err := parseParts(t, repeatedNotes()).Execute(&buf, map[string]any{"items": []string{"un", "deux", "trois"}, "ref": "R-1"}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "notes.docx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	clienttest.Validate(t, path)
	text := clienttest.PDFText(t, path)[path]
	if n := strings.Count(text, "Source : R-1."); n != 3 {
		t.Errorf("LibreOffice prints the footnote %d times, want 3:\n%s", n, text)
	}
	// The fourth reference, after the loop, shows the fourth note.
	if !clienttest.Contains(text, "4 Note hors boucle.") {
		t.Errorf("LibreOffice numbers the note after the loop otherwise:\n%s", text)
	}
	for _, want := range []string{"Article un", "Article trois", "Clause deux", "Hors boucle", "Note hors boucle.", "Voir l’annexe."} {
		if !clienttest.Contains(text, want) {
			t.Errorf("PDF text lacks %q:\n%s", want, text)
		}
	}
}
