import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.util.Locale;
import org.gephi.graph.api.GraphController;
import org.gephi.graph.api.GraphModel;
import org.gephi.graph.api.Node;
import org.gephi.io.importer.api.Container;
import org.gephi.io.importer.api.ContainerUnloader;
import org.gephi.io.importer.api.EdgeDirectionDefault;
import org.gephi.io.importer.api.ImportUtils;
import org.gephi.io.importer.api.Report;
import org.gephi.io.importer.spi.FileImporter;
import org.gephi.io.importer.plugin.file.ImporterGEXF;
import org.gephi.io.importer.plugin.file.ImporterGraphML;
import org.gephi.io.processor.plugin.DefaultProcessor;
import org.gephi.io.processor.spi.Scaler;
import org.gephi.project.api.ProjectController;
import org.gephi.project.api.Workspace;
import org.openide.util.Lookup;

/**
 * Opens a GEXF or GraphML file as ../shared/tools/gephi/check.sh does (Gephi 0.10.1's importer,
 * container and default processor, with the Import report's default settings) and prints where
 * Gephi puts each node before any layout runs: "id TAB x TAB y TAB size", one node a line.
 * check.sh prints counts, kinds, columns and the timeline, but not the imported positions.
 *
 * Compiled by tests/interop/test_gephi.py against the classes check.sh builds.
 */
public class GephiPositions {
    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        String path = args[0];
        ProjectController projects = Lookup.getDefault().lookup(ProjectController.class);
        projects.newProject();
        Workspace workspace = projects.getCurrentWorkspace();
        FileImporter importer = path.endsWith(".gexf") ? new ImporterGEXF() : new ImporterGraphML();
        Container container = Lookup.getDefault().lookup(Container.Factory.class).newContainer();
        container.setReport(new Report());
        try (InputStream in = new FileInputStream(new File(path))) {
            importer.setReader(ImportUtils.getTextReader(in));
            if (!importer.execute(container.getLoader()) || !container.verify()) {
                System.err.println("Gephi did not import " + path);
                System.exit(1);
            }
        }
        container.getLoader().setEdgeDefault(EdgeDirectionDefault.DIRECTED);
        DefaultProcessor processor = new DefaultProcessor();
        processor.setContainers(new ContainerUnloader[] {container.getUnloader()});
        container.setReport(processor.getReport());
        container.closeLoader();
        if (container.getUnloader().isAutoScale()) {
            Scaler scaler = Lookup.getDefault().lookup(Scaler.class);
            if (scaler != null) {
                scaler.doScale(container);
            }
        }
        processor.setWorkspace(workspace);
        processor.process();
        GraphModel model = Lookup.getDefault().lookup(GraphController.class).getGraphModel(workspace);
        for (Node node : model.getGraph().getNodes()) {
            System.out.println(node.getId() + "\t" + node.x() + "\t" + node.y() + "\t" + node.size());
        }
        System.exit(0);
    }
}
