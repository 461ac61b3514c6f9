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

  it('joins backslash-continued lines and keeps heredoc bodies line by line', () => {
    expect(commandText(['kubectl get pods \\', '  -n kube-system'])).toBe('kubectl get pods   -n kube-system');
    expect(commandText(['cat <<EOF > f', 'line \\', 'EOF'])).toBe('cat <<EOF > f\nline \\\nEOF');
    expect(commandText(["echo 'a", "b'"])).toBe("echo 'a\nb'");
    expect(commandText(['ls'])).toBe('ls');
  });
});
