import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the Maven Analytics "CRM Sales Opportunities" teaching data set (a snapshot, one row per
 * deal) into stage transitions for pipeline-health, as CSV on standard output.
 *
 * The snapshot only dates two moments of a deal: when it entered Engaging and when it closed.
 * So each deal becomes at most two events: "engaging" at engage_date and "won"/"lost" at
 * close_date. Deals still at Prospecting have no date at all and are left out. Dates are whole
 * days, written as midnight UTC. Run: java demo/MavenCrmToCsv.java <data set folder> > out.csv
 */
public class MavenCrmToCsv {

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "../shared/datasets/maven-crm-sales-opportunities");
        Map<String, String[]> teams = new HashMap<>();
        for (String[] row : rows(folder.resolve("sales_teams.csv"))) {
            teams.put(row[0], row);
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        out.println("eventId,opportunityId,pipelineId,stage,occurredAt,ownerId,amount,currency,attr.product,attr.region,attr.manager");
        for (String[] deal : rows(folder.resolve("sales_pipeline.csv"))) {
            String id = deal[0];
            String agent = deal[1];
            String product = deal[2];
            String engaged = deal[5];
            String closed = deal[6];
            if (engaged.isEmpty()) {
                continue; // Prospecting deals carry no date
            }
            String[] team = teams.getOrDefault(agent, new String[] {agent, "", ""});
            String attributes = product + "," + team[2] + "," + team[1];
            out.println(id + "-engaging," + id + ",maven-crm,engaging," + engaged + "T00:00:00Z," + agent + ",,USD," + attributes);
            if (!closed.isEmpty()) {
                String stage = deal[4].equals("Won") ? "won" : "lost";
                out.println(id + "-" + stage + "," + id + ",maven-crm," + stage + "," + closed + "T00:00:00Z," + agent
                        + "," + deal[7] + ",USD," + attributes);
            }
        }
        out.flush();
    }

    private static List<String[]> rows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return lines.subList(1, lines.size()).stream()
                .filter(line -> !line.isBlank())
                .map(line -> line.strip().split(",", -1))
                .toList();
    }
}
