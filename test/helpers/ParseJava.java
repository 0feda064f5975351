import com.sun.source.util.JavacTask;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Parses every .java file under a folder with javac's own parser, without resolving imports:
 * the syntax check of a generated SDK whose dependencies (the Pulumi Java SDK) are not at hand.
 * Prints each syntax error and exits 1 if there is one, or if there is no file.
 */
public final class ParseJava {
  public static void main(String[] args) throws Exception {
    List<File> files;
    try (Stream<Path> walk = Files.walk(Path.of(args[0]))) {
      files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).sorted().toList();
    }
    if (files.isEmpty()) {
      System.err.println("no .java file under " + args[0]);
      System.exit(1);
    }
    var compiler = ToolProvider.getSystemJavaCompiler();
    var diagnostics = new DiagnosticCollector<JavaFileObject>();
    try (StandardJavaFileManager fm = compiler.getStandardFileManager(diagnostics, null, null)) {
      var task = (JavacTask) compiler.getTask(null, fm, diagnostics, List.of("-proc:none"), null, fm.getJavaFileObjectsFromFiles(files));
      task.parse();
    }
    int errors = 0;
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR) continue;
      errors++;
      System.err.println(d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(null));
    }
    if (errors > 0) System.exit(1);
    System.out.println(files.size() + " files parsed");
  }
}
