import { describe, expect, it } from 'vitest';
import { commandText, heredocOf, needsMoreInput } from '../../src/features/terminal/continuation';

describe('continuation lines', () => {
  it('asks for more while a heredoc is open, and stops at its delimiter', () => {
    expect(needsMoreInput(['cat <<EOF > svc.yaml'])).toBe(true);
    expect(needsMoreInput(['cat <<EOF > svc.yaml', 'kind: Service'])).toBe(true);
    expect(needsMoreInput(['cat <<EOF > svc.yaml', 'kind: Service', 'EOF'])).toBe(false);
    expect(needsMoreInput(["kubectl apply -f - <<'END'", 'a: 1', 'END'])).toBe(false);
    expect(needsMoreInput(['cat <<-EOF', '\tx', '\tEOF'])).toBe(false);
    expect(heredocOf('cat << "DOC" >f')).toEqual({ delimiter: 'DOC', stripTabs: false });
  });

  it('asks for more after a trailing backslash or inside open quotes, but not after an escaped backslash', () => {
    expect(needsMoreInput(['kubectl get pods \\'])).toBe(true);
    expect(needsMoreInput(['echo a\\\\'])).toBe(false);
    expect(needsMoreInput(["echo 'open"])).toBe(true);
    expect(needsMoreInput(["echo 'open", "closed'"])).toBe(false);
    expect(needsMoreInput(['echo "it\'s"'])).toBe(false);
    expect(needsMoreInput(['kubectl get nodes'])).toBe(false);
  });

  it('asks for more until a loop has its do and its done', () => {
    expect(needsMoreInput(['for i in 1 2 3'])).toBe(true);
    expect(needsMoreInput(['for i in 1 2 3', 'do'])).toBe(true);
    expect(needsMoreInput(['for i in 1 2 3', 'do', '  curl -s http://web'])).toBe(true);
    expect(needsMoreInput(['for i in 1 2 3', 'do', '  curl -s http://web', 'done'])).toBe(false);
    expect(needsMoreInput(['while true; do kubectl get pods; sleep 5; done'])).toBe(false);
    expect(commandText(['for i in 1 2', 'do echo $i', 'done'])).toBe('for i in 1 2\ndo echo $i\ndone');
  });

  it('joins backslash-continued lines and keeps heredoc bodies line by line', () => {
    expect(commandText(['kubectl get pods \\', '  -n kube-system'])).toBe('kubectl get pods   -n kube-system');
    expect(commandText(['cat <<EOF > f', 'line \\', 'EOF'])).toBe('cat <<EOF > f\nline \\\nEOF');
    expect(commandText(["echo 'a", "b'"])).toBe("echo 'a\nb'");
    expect(commandText(['ls'])).toBe('ls');
  });
});
